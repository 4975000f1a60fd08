//! Reports for people: terminal tables that align Chinese text.
