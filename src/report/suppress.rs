//! Small-cell suppression: no count below 5 is shown, and enough other cells are hidden with it
//! that a hidden count cannot be worked out by subtracting the shown ones from the total.
//!
//! Used only by the app's own statistics screen, on this PC's log. It protects one table, not
//! several combined; reports that are shared use `disclose` (the cell key method) instead.

/// Counts below this are shown as "<5".
pub const MIN_COUNT: u64 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    Hidden,
}

/// Which counts to hide, given every count in one table with a shown total. The same as
/// [`suppress_table`] without the total.
pub fn suppress(counts: &[u64]) -> Vec<Cell> {
    suppress_table(counts).0
}

/// Which counts to hide, and whether the table's total may be shown.
///
/// Primary: every count from 1 to 4. Secondary: while any hidden count could still be worked out
/// exactly, the smallest count still shown is hidden too. "Worked out" assumes a reader who knows
/// this rule and subtracts: the hidden counts add up to the total minus the shown ones; a count
/// hidden for being small is 1–4; one hidden for cover is at least 5 and at most the smallest
/// count still shown. So `1, 1, 50` hides all three (the two "<5" would add up to 2: both 1s),
/// and `3, 5, 5, 20` hides both fives (with one five hidden it would be exactly 5 and the three
/// exactly 3). If hiding every count is still not enough (`4, 4` of 8 can only be two fours), or
/// the total itself is below 5, the total is hidden as well.
///
/// The order hidden rows are shown in must not give their size away either: see `render`.
pub fn suppress_table(counts: &[u64]) -> (Vec<Cell>, Cell) {
    let mut hidden: Vec<bool> = counts.iter().map(|&c| is_small(c)).collect();
    while derivable(counts, &hidden) {
        let smallest_shown = counts
            .iter()
            .enumerate()
            .filter(|&(i, &c)| !hidden[i] && c > 0)
            .min_by_key(|&(i, &c)| (c, i));
        match smallest_shown {
            Some((i, _)) => hidden[i] = true,
            None => break,
        }
    }
    let total: u64 = counts.iter().sum();
    let total_cell = if is_small(total) || derivable(counts, &hidden) {
        Cell::Hidden
    } else {
        Cell::Shown(total)
    };
    let cells = counts
        .iter()
        .zip(&hidden)
        .map(|(&c, &h)| if h { Cell::Hidden } else { Cell::Shown(c) })
        .collect();
    (cells, total_cell)
}

fn is_small(count: u64) -> bool {
    (1..MIN_COUNT).contains(&count)
}

/// Whether some hidden count is pinned to a single value by what the table shows (see
/// [`suppress_table`] for what the reader is assumed to know).
fn derivable(counts: &[u64], hidden: &[bool]) -> bool {
    let hidden_counts: Vec<u128> = counts
        .iter()
        .zip(hidden)
        .filter(|&(_, &h)| h)
        .map(|(&c, _)| u128::from(c))
        .collect();
    if hidden_counts.is_empty() {
        return false;
    }
    let sum: u128 = hidden_counts.iter().sum();
    let smallest_shown = counts
        .iter()
        .zip(hidden)
        .filter(|&(&c, &h)| !h && c > 0)
        .map(|(&c, _)| u128::from(c))
        .min()
        .unwrap_or(sum);
    let min = u128::from(MIN_COUNT);
    let bounds: Vec<(u128, u128)> = hidden_counts
        .iter()
        .map(|&c| {
            if c < min {
                (1, min - 1)
            } else {
                (min, smallest_shown)
            }
        })
        .collect();
    let low_sum: u128 = bounds.iter().map(|b| b.0).sum();
    let high_sum: u128 = bounds.iter().map(|b| b.1).sum();
    bounds.iter().any(|&(low, high)| {
        // What the others can add up to decides what this one can be.
        let at_least = low.max(sum.saturating_sub(high_sum - high));
        let at_most = high.min(sum.saturating_sub(low_sum - low));
        at_least >= at_most
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden() {
        assert_eq!(
            suppress(&[12, 3, 0, 4]),
            [Cell::Shown(12), Cell::Hidden, Cell::Shown(0), Cell::Hidden]
        );
    }

    #[test]
    fn a_lone_hidden_count_takes_the_next_smallest_with_it() {
        assert_eq!(
            suppress(&[40, 2, 9, 15]),
            [Cell::Shown(40), Cell::Hidden, Cell::Hidden, Cell::Shown(15)]
        );
    }

    #[test]
    fn small_counts_that_add_up_to_their_bounds_take_others_with_them() {
        // 1 + 1 = 2 could only be two ones.
        assert_eq!(suppress(&[1, 1, 50]), [Cell::Hidden; 3]);
        // With one five hidden, it would be pinned between 5 and the other shown five.
        assert_eq!(
            suppress(&[3, 5, 5, 20]),
            [Cell::Hidden, Cell::Hidden, Cell::Hidden, Cell::Shown(20)]
        );
        // 2 + 3 = 5 leaves room: 1 + 4, 2 + 3, 3 + 2, 4 + 1.
        assert_eq!(
            suppress(&[2, 3, 50]),
            [Cell::Hidden, Cell::Hidden, Cell::Shown(50)]
        );
    }

    #[test]
    fn the_total_goes_when_nothing_else_can_cover() {
        assert_eq!(
            suppress_table(&[4, 4]),
            (vec![Cell::Hidden; 2], Cell::Hidden)
        );
        assert_eq!(suppress_table(&[3]), (vec![Cell::Hidden], Cell::Hidden));
        assert_eq!(
            suppress_table(&[4, 9]),
            (vec![Cell::Hidden; 2], Cell::Shown(13))
        );
        assert_eq!(suppress_table(&[]), (vec![], Cell::Shown(0)));
    }

    #[test]
    fn nothing_hidden_when_all_are_large() {
        assert_eq!(suppress(&[5, 6]), [Cell::Shown(5), Cell::Shown(6)]);
    }
}
