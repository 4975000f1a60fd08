//! The search that ends a solve, on the best plan of the portfolio: `dates.rs` (the polish,
//! then a large-neighbourhood search over dates), `crews.rs` (ruin and recreate inside
//! dates) and `routes.rs` (each date as routes, visits moving in time with their crews).
//! Each returns a plan only when the objective improves, and each ends on work limits
//! fixed by the instance's size.

pub mod crews;
pub mod dates;
pub mod routes;
