// Evidence files (certificates, cards, receipts): which files are accepted (type by magic bytes,
// never by name; a size limit), safe display names, and SHA-256 for deduplication. Pure C++.
#pragma once

#include "core/result.h"
#include "core/sha256.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace recert::storage {

inline constexpr std::uint64_t default_evidence_max_bytes = 15'000'000; // "15 MB"

struct EvidenceType {
    std::string_view mime; // "application/pdf", "image/png", "image/jpeg", "image/heic", "image/webp"
    std::string_view ext;  // "pdf", "png", "jpg", "heic", "webp"
};

// The type of a file from its first bytes (at least 12 are needed for WebP and HEIC):
// PDF "%PDF-", PNG signature, JPEG FF D8 FF, WebP "RIFF....WEBP", HEIC "....ftyp" + heic/heix/mif1.
// nullopt for anything else, whatever the file's name says.
std::optional<EvidenceType> sniff_evidence_type(std::span<const std::uint8_t> head);

// The accepted type for a MIME string ("image/png"), or nullopt.
std::optional<EvidenceType> evidence_type_for_mime(std::string_view mime);

// Checks a file before it is stored: not empty, at most max_bytes, an accepted type by its bytes.
// Returns the type, or an error whose message names the file
// ("scan.bmp: not a PDF, PNG, JPEG, HEIC or WebP file", "big.pdf: 16.2 MB is over the 15 MB limit").
core::Result<EvidenceType> check_evidence(std::string_view name, std::uint64_t size,
                                          std::span<const std::uint8_t> head, std::uint64_t max_bytes);

// An original file name made safe to show and to offer as a download name: the last path part only
// (both / and \), control characters and <>:"|?* removed, leading dots stripped, at most 120 bytes
// (UTF-8 kept whole); "evidence" when nothing is left.
std::string safe_file_name(std::string_view name);

// 64 lowercase hex digits (core/sha256.h).
using core::is_sha256_hex;

// SHA-256 of `bytes` as 64 lowercase hex digits (FIPS 180-4).
std::string sha256_hex(std::span<const std::uint8_t> bytes);

// "1.5 MB", "820 KB", "12 bytes" (decimal units, as file managers show them).
std::string human_size(std::uint64_t bytes);

} // namespace recert::storage
