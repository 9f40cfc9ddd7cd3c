//! Article pipeline.
