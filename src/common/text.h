// Normalisation of text typed or pasted by people.
#pragma once

#include <string>
#include <string_view>

namespace dj {

// Replaces full-width ASCII forms (U+FF01..U+FF5E, e.g. "１２３", "ｘ") with their ASCII
// counterparts and the ideographic space U+3000 and no-break space U+00A0 with a plain space,
// then trims leading and trailing whitespace. Invalid UTF-8 is passed through unchanged.
std::string NormalizeInput(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Number of Unicode code points in valid UTF-8 `text`.
size_t Utf8Length(std::string_view text);

// Mainland mobile ("13912345678") or landline with area code ("027-87654321", "02787654321").
bool IsValidPhone(std::string_view phone);

// "139****5678" for mobiles; other numbers keep their last four characters.
std::string MaskPhone(std::string_view phone);

}  // namespace dj
