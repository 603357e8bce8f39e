// Icon glyphs of Font Awesome 4.7 (fonts-font-awesome), merged into the UI font at load time.
// Only code points are defined here; the font file itself comes from the Debian package.
#pragma once

#define RECERT_ICON_MIN 0xf000
#define RECERT_ICON_MAX 0xf2e0

#define ICON_PLUS "\xef\x81\xa7"          // U+F067
#define ICON_CERTIFICATE "\xef\x82\xa3"   // U+F0A3
#define ICON_CALENDAR "\xef\x81\xb3"      // U+F073
#define ICON_CHECK "\xef\x80\x8c"         // U+F00C
#define ICON_WARNING "\xef\x81\xb1"       // U+F071
#define ICON_INFO "\xef\x84\xa9"          // U+F129
#define ICON_LIST "\xef\x80\xba"          // U+F03A
#define ICON_SHIELD "\xef\x84\xb2"        // U+F132
#define ICON_DOWNLOAD "\xef\x80\x99"      // U+F019
#define ICON_UPLOAD "\xef\x82\x93"        // U+F093
#define ICON_COG "\xef\x80\x93"           // U+F013
#define ICON_TRASH "\xef\x87\xb8"         // U+F1F8
#define ICON_PENCIL "\xef\x81\x80"        // U+F040
#define ICON_FILE "\xef\x85\x9b"          // U+F15B
#define ICON_SEARCH "\xef\x80\x82"        // U+F002
#define ICON_REFRESH "\xef\x80\xa1"       // U+F021
#define ICON_CART "\xef\x81\xba"          // U+F07A
#define ICON_GRADUATION "\xef\x86\x9d"    // U+F19D
#define ICON_CLOCK "\xef\x80\x97"         // U+F017
#define ICON_TIMES "\xef\x80\x8d"         // U+F00D
#define ICON_EXTERNAL "\xef\x82\x8e"      // U+F08E
