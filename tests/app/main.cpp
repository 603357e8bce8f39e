// Catch2 runner for the platform-layer unit tests (pure parts of src/app).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
