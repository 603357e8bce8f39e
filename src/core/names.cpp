// Names of credentials and bodies for people: see names.h.
#include "core/names.h"

#include <cctype>

namespace recert::core {
namespace {

std::string upper(std::string s) {
    for (char& ch : s) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return s;
}

const Program* program_of(const Credential& c, const RulePack* pack) {
    return pack ? pack->find_program(c.program) : nullptr;
}

// True when `name` starts with the word `word`, ignoring case ("ASM CE" or "ACE-CPT" and "ASM", "ACE").
bool starts_with_word(const std::string& name, const std::string& word) {
    if (word.empty() || name.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(name[i])) != std::toupper(static_cast<unsigned char>(word[i])))
            return false;
    return name.size() == word.size() || !std::isalnum(static_cast<unsigned char>(name[word.size()]));
}

} // namespace

std::string credential_short_name(const Credential& c, const RulePack* pack) {
    if (c.custom && !c.custom->name.empty()) return c.custom->name;
    const Program* p = program_of(c, pack);
    if (!p) return upper(c.body) + " " + upper(c.program);
    const std::string body = upper(pack->body);
    const std::string& name = p->short_name.empty() ? p->name : p->short_name;
    if (pack->body == "custom" || starts_with_word(name, body)) return name;
    return body + " " + name;
}

std::string credential_full_name(const Credential& c, const RulePack* pack) {
    if (c.custom && !c.custom->name.empty()) return c.custom->name;
    const Program* p = program_of(c, pack);
    return p && !p->name.empty() ? p->name : credential_short_name(c, pack);
}

std::string body_display_name(const Credential& c, const RulePack* pack) {
    if (pack && !pack->name.empty()) return pack->name;
    return c.body == "custom" ? "Custom program" : upper(c.body);
}

std::string category_display_name(std::string_view id, const std::vector<const RulePack*>& packs) {
    if (id.empty()) return {};
    for (const RulePack* pack : packs) {
        if (!pack) continue;
        const int k = pack->find_category(id);
        if (k >= 0 && !pack->categories[std::size_t(k)].name.empty()) return pack->categories[std::size_t(k)].name;
    }
    return std::string(id);
}

} // namespace recert::core
