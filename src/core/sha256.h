// SHA-256 (FIPS 180-4) of a byte string: the raw 32-byte digest and its lowercase hex form.
// Shared by storage (evidence files are keyed by it) and sync (PKCE S256 code challenges).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace recert::core {

// The 32-byte digest of `bytes`.
std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes);
// The digest as 64 lowercase hex digits.
std::string sha256_hex(std::span<const std::uint8_t> bytes);
// True when `s` is such a digest: exactly 64 lowercase hex digits (how evidence files are named in
// the log, backups and provider responses).
bool is_sha256_hex(std::string_view s) noexcept;

} // namespace recert::core
