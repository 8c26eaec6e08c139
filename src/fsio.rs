//! The one way the program reads and writes the user's files.
//!
//! Reading: only regular files, never more than a cap, and never blocking on a FIFO or a device
//! (a `*.toml` FIFO used to hang `check`; a symlink to `/dev/zero` ate all memory).
//! Writing: never over something that is not a regular file; the new content goes to a fresh
//! temporary file beside the target (random name, created exclusively, so a planted symlink is
//! never followed), is synced, and is renamed over the target, so nobody sees half a file.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The most a guide, translation, site or shared file may hold. The largest shipped guide is
/// about 20 KB; a file fifty times that is a mistake (or a device).
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not found")]
    NotFound,
    #[error("not a regular file")]
    NotRegular,
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and is a folder, a device, a FIFO, a socket or a symlink.
    #[error("not a regular file")]
    NotRegular,
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ReadError {
    /// The problem in the user's language, for a diagnostic or a status line.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            ReadError::NotFound => lang
                .pick("filen findes ikke", "the file does not exist")
                .into(),
            ReadError::NotRegular => lang
                .pick(
                    "det er ikke en almindelig fil (en mappe, en enhed, et rør eller en socket)",
                    "it is not a regular file (a folder, a device, a pipe or a socket)",
                )
                .into(),
            ReadError::TooLarge { limit } => match lang {
                crate::lang::Lang::Da => format!("filen er større end {} KB", limit / 1024),
                crate::lang::Lang::En => format!("the file is larger than {} KB", limit / 1024),
            },
            ReadError::Io(err) => err.to_string(),
        }
    }
}

impl WriteError {
    /// The problem in the user's language.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            WriteError::NotRegular => lang
                .pick(
                    "der ligger noget, der ikke er en almindelig fil (en mappe, en enhed eller et link); vælg et andet filnavn",
                    "something that is not a regular file is there (a folder, a device or a link); choose another file name",
                )
                .into(),
            WriteError::Io(err) => err.to_string(),
        }
    }
}

/// Read a regular file of at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_for_reading(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ => ReadError::Io(err),
    })?;
    // Ask the file that was opened, not the path: the path may be swapped in between.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge { limit: cap });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // A file that grows while it is read still stops at the cap.
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { limit: cap });
    }
    Ok(bytes)
}

/// Read a regular UTF-8 file of at most `cap` bytes; invalid UTF-8 is an `InvalidData` error.
pub fn read_regular_text(path: &Path, cap: u64) -> Result<String, ReadError> {
    let bytes = read_regular(path, cap)?;
    String::from_utf8(bytes)
        .map_err(|err| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, err)))
}

#[cfg(unix)]
fn open_for_reading(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Replace (or create) `path` with `bytes`, as described in the module comment.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    check_target(path)?;
    let dir = parent_dir(path);
    let mut temporary = tempfile::Builder::new()
        .prefix(".vejviser-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    // Checked again just before the rename: the target may have been replaced meanwhile.
    check_target(path)?;
    temporary.persist(path).map_err(|err| err.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Replace (or create) `path` with a file that `fill` writes at a temporary path beside it
/// (a database written by SQLite, which needs a path of its own). As [`write_replacing`]: the
/// target must be a regular file or absent, the temporary name is random and created
/// exclusively, and nobody ever sees a half-written file at `path`. If `fill` fails, the
/// temporary file is removed and `path` is untouched.
pub fn replace_with<E: From<WriteError>>(
    path: &Path,
    fill: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), E> {
    check_target(path)?;
    let dir = parent_dir(path);
    let temporary = tempfile::Builder::new()
        .prefix(".vejviser-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(WriteError::from)?;
    fill(temporary.path())?;
    // What `fill` wrote may have replaced the file at the temporary path (SQLite does not, but
    // say so plainly if anything did): sync what is there now.
    std::fs::File::open(temporary.path())
        .and_then(|f| f.sync_all())
        .map_err(WriteError::from)?;
    check_target(path)?;
    temporary
        .persist(path)
        .map_err(|err| WriteError::from(err.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Create `path` with `bytes`; an existing file (or anything else there) is left alone.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = parent_dir(path);
    let mut temporary = tempfile::Builder::new()
        .prefix(".vejviser-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist_noclobber(path).map_err(|err| err.error)?;
    sync_dir(&dir);
    Ok(())
}

fn check_target(path: &Path) -> Result<(), WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(WriteError::NotRegular),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(WriteError::Io(err)),
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Make the rename itself durable (a power cut right after must not bring the old file back).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_regular_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, "old").unwrap();
        write_replacing(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_folder_as_target() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_replacing(dir.path(), b"x").unwrap_err();
        assert!(matches!(err, WriteError::NotRegular), "{err:?}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlink_as_target_and_never_touches_what_it_points_at() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("report.csv");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(matches!(
            write_replacing(&link, b"x"),
            Err(WriteError::NotRegular)
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_tmp_symlink_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("report.csv");
        std::os::unix::fs::symlink(&victim, dir.path().join("report.csv.tmp")).unwrap();
        write_replacing(&target, b"x").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "x");
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.toml");
        std::fs::write(&path, "mine").unwrap();
        assert!(write_new(&path, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    }

    #[test]
    fn reading_is_capped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, vec![b'a'; 11]).unwrap();
        assert!(matches!(
            read_regular(&path, 10),
            Err(ReadError::TooLarge { limit: 10 })
        ));
        assert_eq!(read_regular(&path, 11).unwrap().len(), 11);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.toml");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string path; mkfifo has no other preconditions.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular(&path, 10),
            Err(ReadError::NotRegular)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular)
        ));
    }
}
