//! Reported figures: baseline, lower bound and a plan's stats.
