import Testing

extension Tag {
    /// Suites that take tens of seconds (killing builds, fuzzing): `make test-fast` skips them,
    /// `make test` and CI run them.
    @Tag static var slow: Self
}
