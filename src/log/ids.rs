//! The random identity of a case: `case_id` (so merged logs hold each case once) and
//! `record_key` (the cell key method of the shared reports). Both come from the operating
//! system's randomness, so they carry nothing about the citizen, the time or the PC.

use super::LogError;

/// A fresh case id: 128 random bits as 32 lowercase hex digits.
pub fn new_case_id() -> Result<String, LogError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| LogError::NoRandomness(err.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A fresh record key, uniform in `0..=RECORD_KEY_MAX`.
pub fn new_record_key() -> Result<i64, LogError> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|err| LogError::NoRandomness(err.to_string()))?;
    Ok(i64::from(u32::from_le_bytes(bytes)))
}

/// Whether `id` is what the `case_id` column takes.
pub fn is_case_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_hex_and_differ() {
        let a = new_case_id().unwrap();
        let b = new_case_id().unwrap();
        assert!(is_case_id(&a) && is_case_id(&b), "{a} {b}");
        assert_ne!(a, b);
        assert!(!is_case_id("Jens Hansen bor på Vestergade 12"));
        assert!(!is_case_id(&"A".repeat(32)));
        let keys: Vec<i64> = (0..64).map(|_| new_record_key().unwrap()).collect();
        assert!(
            keys.iter()
                .all(|k| (0..=super::super::schema::RECORD_KEY_MAX).contains(k))
        );
        // 64 draws of 32 bits: all equal only if the source is broken.
        assert!(keys.iter().any(|&k| k != keys[0]));
    }
}
