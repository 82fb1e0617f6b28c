"""A simulated municipal web on loopback, for tests, benchmarks and demos."""
