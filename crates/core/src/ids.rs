//! Typed indices into the scenario's lists.
//!
//! Once a scenario is loaded, string ids are resolved to these `Copy` newtypes so the
//! checker and the solver never hash strings. Each index is the position of the entity
//! in its list of [`crate::Scenario`].

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in the scenario's list.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The index of position `i`.
            #[inline]
            pub fn new(i: usize) -> Self {
                Self(i as u32)
            }
        }
    };
}

index_type!(
    /// A department: position in [`crate::Scenario::departments`].
    DeptIdx
);
index_type!(
    /// An inspector: position in [`crate::Scenario::inspectors`].
    InspIdx
);
index_type!(
    /// A business: position in [`crate::Scenario::businesses`].
    BizIdx
);
index_type!(
    /// A task: position in [`crate::Scenario::tasks`].
    TaskIdx
);
index_type!(
    /// A node of the travel graph: places first, then businesses
    /// (see [`crate::Scenario::node_of_business`]).
    NodeIdx
);
