//! The search that ends a solve, on the best plan of the portfolio: `dates.rs` (the polish,
//! then a large-neighbourhood search over dates) and `crews.rs` (ruin and recreate inside
//! dates). Both keep a change only when the objective improves, and both end on work
//! limits fixed by the instance's size.

pub mod crews;
pub mod dates;
pub mod routes;
