package mockserver

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// The byte order marks Python's "utf-16" and "utf-32" codecs read, and "utf-8-sig" drops.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
)

// byteOrderOf is the byte order a leading mark names (the mark cut off), as Python's "utf-16"
// and "utf-32" codecs read it; without a mark, little-endian, the native order CPython assumes
// on the machines authentik runs on (x86-64 and arm64).
func byteOrderOf(body, le, be []byte) ([]byte, binary.ByteOrder) {
	switch {
	case bytes.HasPrefix(body, le):
		return body[len(le):], binary.LittleEndian
	case bytes.HasPrefix(body, be):
		return body[len(be):], binary.BigEndian
	}
	return body, binary.LittleEndian
}

// decodeUTF16 decodes body as Python's UTF-16 codecs in that byte order do; false where Python
// raises UnicodeDecodeError (an odd length, or a surrogate without its pair).
func decodeUTF16(body []byte, order binary.ByteOrder) (string, bool) {
	if len(body)%2 != 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i += 2 {
		u := rune(order.Uint16(body[i:]))
		if utf16.IsSurrogate(u) {
			if u >= 0xDC00 || i+4 > len(body) { // a low surrogate first, or a high one at the end
				return "", false
			}
			r := utf16.DecodeRune(u, rune(order.Uint16(body[i+2:])))
			if r == 0xFFFD {
				return "", false
			}
			u = r
			i += 2
		}
		b.WriteRune(u)
	}
	return b.String(), true
}

// decodeUTF32 decodes body as Python's UTF-32 codecs in that byte order do; false where Python
// raises UnicodeDecodeError (a length not a multiple of four, a value past U+10FFFF or a
// surrogate).
func decodeUTF32(body []byte, order binary.ByteOrder) (string, bool) {
	if len(body)%4 != 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i += 4 {
		u := order.Uint32(body[i:])
		if u > 0x10FFFF || 0xD800 <= u && u <= 0xDFFF {
			return "", false
		}
		b.WriteRune(rune(u))
	}
	return b.String(), true
}

// unicodeCodecs decode a body as Python's UTF-16 and UTF-32 codecs of those names do; false
// where Python raises UnicodeDecodeError.
var unicodeCodecs = map[string]func(body []byte) (string, bool){
	codecUTF16: func(body []byte) (string, bool) {
		rest, order := byteOrderOf(body, bomUTF16LE, bomUTF16BE)
		return decodeUTF16(rest, order)
	},
	codecUTF16LE: func(body []byte) (string, bool) { return decodeUTF16(body, binary.LittleEndian) },
	codecUTF16BE: func(body []byte) (string, bool) { return decodeUTF16(body, binary.BigEndian) },
	codecUTF32: func(body []byte) (string, bool) {
		rest, order := byteOrderOf(body, bomUTF32LE, bomUTF32BE)
		return decodeUTF32(rest, order)
	},
	codecUTF32LE: func(body []byte) (string, bool) { return decodeUTF32(body, binary.LittleEndian) },
	codecUTF32BE: func(body []byte) (string, bool) { return decodeUTF32(body, binary.BigEndian) },
}

// decodeCharmap decodes body with one of Python's single-byte codecs, given by its table
// ([charmapTables]); false where Python raises UnicodeDecodeError (a byte the table maps to
// U+FFFE).
func decodeCharmap(body []byte, table string) (string, bool) {
	chars := []rune(table)
	var b strings.Builder
	b.Grow(len(body))
	for _, c := range body {
		r := chars[c]
		if r == 0xFFFE {
			return "", false
		}
		b.WriteRune(r)
	}
	return b.String(), true
}
