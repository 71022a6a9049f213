//! Tests of indexing against NumPy 2.4.
