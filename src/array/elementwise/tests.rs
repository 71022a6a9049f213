//! Tests of elementwise operations against NumPy 2.4.
