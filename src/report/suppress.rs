//! Small-cell suppression: no count below 5 is shown, and enough other cells are hidden with it
//! that a hidden count cannot be worked out by subtracting the shown ones from the total.

/// Counts below this are shown as "<5".
pub const MIN_COUNT: u64 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    Hidden,
}

/// Which counts to hide, given every count in one table with a shown total.
///
/// Primary: every count from 1 to 4. Secondary: if exactly one count is hidden, the total would
/// give it away, so the smallest other count is hidden too. (With two or more hidden, the
/// subtraction gives only their sum, which is itself at least two cells.)
pub fn suppress(counts: &[u64]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = counts
        .iter()
        .map(|&c| {
            if (1..MIN_COUNT).contains(&c) {
                Cell::Hidden
            } else {
                Cell::Shown(c)
            }
        })
        .collect();
    let hidden = cells.iter().filter(|c| **c == Cell::Hidden).count();
    if hidden == 1 {
        let smallest = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                Cell::Shown(n) if *n > 0 => Some((n, i)),
                _ => None,
            })
            .min();
        if let Some((_, i)) = smallest {
            cells[i] = Cell::Hidden;
        }
    }
    cells
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
    fn nothing_hidden_when_all_are_large() {
        assert_eq!(suppress(&[5, 6]), [Cell::Shown(5), Cell::Shown(6)]);
    }
}
