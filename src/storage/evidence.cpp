// Evidence file checks, safe names and SHA-256: see evidence.h.
#include "storage/evidence.h"
#include "storage/evidence_staging.h"

#include "core/sha256.h"

#include <array>
#include <cstdio>
#include <cstring>

namespace recert::storage {
namespace {

constexpr EvidenceType pdf{"application/pdf", "pdf"};
constexpr EvidenceType png{"image/png", "png"};
constexpr EvidenceType jpeg{"image/jpeg", "jpg"};
constexpr EvidenceType heic{"image/heic", "heic"};
constexpr EvidenceType webp{"image/webp", "webp"};

bool starts_at(std::span<const std::uint8_t> head, std::size_t at, std::string_view magic) {
    if (head.size() < at + magic.size())
        return false;
    return std::memcmp(head.data() + at, magic.data(), magic.size()) == 0;
}

} // namespace

std::optional<EvidenceType> sniff_evidence_type(std::span<const std::uint8_t> head) {
    if (starts_at(head, 0, "%PDF-"))
        return pdf;
    if (starts_at(head, 0, std::string_view("\x89PNG\r\n\x1a\n", 8)))
        return png;
    if (starts_at(head, 0, "\xFF\xD8\xFF"))
        return jpeg;
    if (starts_at(head, 0, "RIFF") && starts_at(head, 8, "WEBP"))
        return webp;
    if (starts_at(head, 4, "ftyp") &&
        (starts_at(head, 8, "heic") || starts_at(head, 8, "heix") || starts_at(head, 8, "mif1")))
        return heic;
    return std::nullopt;
}

std::optional<EvidenceType> evidence_type_for_mime(std::string_view mime) {
    for (const EvidenceType& t : {pdf, png, jpeg, heic, webp})
        if (t.mime == mime)
            return t;
    return std::nullopt;
}

std::string human_size(std::uint64_t bytes) {
    char buf[32];
    if (bytes < 1000)
        std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
    else if (bytes < 1000 * 1000)
        std::snprintf(buf, sizeof buf, "%.0f KB", bytes / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    std::string s = buf;
    if (s.size() > 5 && s.compare(s.size() - 5, 5, ".0 MB") == 0)
        s.erase(s.size() - 5, 2);
    return s;
}

core::Result<EvidenceType> check_evidence(std::string_view name, std::uint64_t size,
                                          std::span<const std::uint8_t> head, std::uint64_t max_bytes) {
    const std::string shown = safe_file_name(name);
    if (size == 0)
        return core::Error{shown, "", "the file is empty"};
    if (size > max_bytes)
        return core::Error{shown, "", human_size(size) + " is over the " + human_size(max_bytes) + " limit"};
    auto type = sniff_evidence_type(head);
    if (!type)
        return core::Error{shown, "", "not a PDF, PNG, JPEG, HEIC or WebP file"};
    return *type;
}

std::string safe_file_name(std::string_view name) {
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    std::string out;
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f || std::strchr("<>:\"|?*", c))
            continue;
        out += static_cast<char>(c);
    }
    std::size_t dots = out.find_first_not_of(". ");
    out.erase(0, dots == std::string::npos ? out.size() : dots);
    while (!out.empty() && (out.back() == ' ' || out.back() == '.'))
        out.pop_back();
    if (out.size() > 120) {
        std::size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut; // never split a UTF-8 sequence
        out.resize(cut);
    }
    return out.empty() ? "evidence" : out;
}


std::string sha256_hex(std::span<const std::uint8_t> bytes) {
    return core::sha256_hex(bytes); // shared with sync (PKCE) since issue #7
}

PickedFile check_picked(const std::string& name, const std::vector<std::uint8_t>& bytes, std::uint64_t max_bytes) {
    PickedFile out;
    out.ref.name = safe_file_name(name);
    out.size = bytes.size();
    auto type = check_evidence(name, bytes.size(), bytes, max_bytes);
    if (!type) {
        out.error = type.error().to_string();
        return out;
    }
    out.ref.mime = std::string(type.value().mime);
    out.ref.sha256 = sha256_hex(bytes);
    return out;
}

} // namespace recert::storage
