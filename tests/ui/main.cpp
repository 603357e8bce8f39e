// Catch2 runner for the headless UI tests (tests/ui).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
