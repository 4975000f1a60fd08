//! The exact reference of `tests/exact_gap.rs`: small scarce-certificate weeks
//! ([`instances`]) and a MILP of the whole planning problem that HiGHS solves to proven
//! optimality ([`model`]). Test code only; nothing here ships.

pub mod home_care;
pub mod instances;
pub mod model;
