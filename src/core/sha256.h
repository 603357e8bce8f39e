// SHA-256 (FIPS 180-4) of a byte string: the raw 32-byte digest and its lowercase hex form.
// Shared by storage (evidence files are keyed by it) and sync (PKCE S256 code challenges).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace recert::core {

// The digest of bytes given a piece at a time (a large file hashed a slice a frame).
class Sha256 {
  public:
    void update(std::span<const std::uint8_t> bytes);
    std::array<std::uint8_t, 32> finish(); // once, after the last update
    std::string finish_hex();

  private:
    std::array<std::uint32_t, 8> m_h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<std::uint8_t, 64> m_block{};
    std::size_t m_buffered = 0;
    std::uint64_t m_bytes = 0;
};

// The 32-byte digest of `bytes`.
std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes);
// The digest as 64 lowercase hex digits.
std::string sha256_hex(std::span<const std::uint8_t> bytes);
// True when `s` is such a digest: exactly 64 lowercase hex digits (how evidence files are named in
// the log, backups and provider responses).
bool is_sha256_hex(std::string_view s) noexcept;

} // namespace recert::core
