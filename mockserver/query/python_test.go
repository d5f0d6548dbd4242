package query

import (
	"math"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pySpaces lists every code point for which Python's str.isspace() is true.
var pySpaces = []rune{
	// BEGIN GENERATED pySpaces (testdata/gen_query_tables.py, Python 3.13.0)
	0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x001c, 0x001d, 0x001e, 0x001f, 0x0020, 0x0085, 0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
	// END GENERATED pySpaces
}

// pyDecimalZeros lists every code point whose Python unicodedata.decimal is 0
// (Unicode 15.1 in Python 3.13); digits 1..9 follow each of them.
var pyDecimalZeros = []rune{
	// BEGIN GENERATED pyDecimalZeros (testdata/gen_query_tables.py, Python 3.13.0)
	0x00030, 0x00660, 0x006f0, 0x007c0, 0x00966, 0x009e6, 0x00a66, 0x00ae6,
	0x00b66, 0x00be6, 0x00c66, 0x00ce6, 0x00d66, 0x00de6, 0x00e50, 0x00ed0,
	0x00f20, 0x01040, 0x01090, 0x017e0, 0x01810, 0x01946, 0x019d0, 0x01a80,
	0x01a90, 0x01b50, 0x01bb0, 0x01c40, 0x01c50, 0x0a620, 0x0a8d0, 0x0a900,
	0x0a9d0, 0x0a9f0, 0x0aa50, 0x0abf0, 0x0ff10, 0x104a0, 0x10d30, 0x11066,
	0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
	0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60,
	0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140,
	0x1e2f0, 0x1e4f0, 0x1e950, 0x1fbf0,
	// END GENERATED pyDecimalZeros
}

// pyStripCases pairs inputs with Python's s.strip().
var pyStripCases = []struct {
	in, want string
}{
	// BEGIN GENERATED pyStripCases (testdata/gen_query_tables.py, Python 3.13.0)
	{"", ""},
	{" ", ""},
	{"a", "a"},
	{" a ", "a"},
	{"\t\n\x0b\x0c\ra\r\n", "a"},
	{"\x1c\x1d\x1e\x1fa\x1f", "a"},
	{"\u0085a\u00a0", "a"},
	{"\u1680a\u2000\u200a", "a"},
	{"\u2028\u2029a\u202f\u205f\u3000", "a"},
	{"\u200ba\u200b", "\u200ba\u200b"},
	{"\u180ea", "\u180ea"},
	{"\ufeffa", "\ufeffa"},
	{" a b ", "a b"},
	{"a\u3000b", "a\u3000b"},
	{"\x00a\x00", "\x00a\x00"},
	{"\u00e9", "\u00e9"},
	{" \u00e9 ", "\u00e9"},
	{"\u3000", ""},
	{"\x7f", "\x7f"},
	{"\u0084a", "\u0084a"},
	{"\u0086a", "\u0086a"},
	// END GENERATED pyStripCases
}

// pyIntCases pairs inputs with Python's int(s), clamped to int64; ok is false
// where int raises ValueError.
var pyIntCases = []struct {
	in   string
	want int64
	ok   bool
}{
	// BEGIN GENERATED pyIntCases (testdata/gen_query_tables.py, Python 3.13.0)
	{"0", 0, true},
	{"1", 1, true},
	{"-1", -1, true},
	{"+1", 1, true},
	{"007", 7, true},
	{"-0", 0, true},
	{"+0", 0, true},
	{" 42 ", 42, true},
	{"\t42\n", 42, true},
	{"\x0b\x0c42\r", 42, true},
	{"1_0", 10, true},
	{"1_000_000", 1000000, true},
	{"_1", 0, false},
	{"1_", 0, false},
	{"1__0", 0, false},
	{"+_1", 0, false},
	{"-_1", 0, false},
	{"_", 0, false},
	{"", 0, false},
	{" ", 0, false},
	{"+", 0, false},
	{"-", 0, false},
	{"+-1", 0, false},
	{"- 1", 0, false},
	{"1 2", 0, false},
	{"1.0", 0, false},
	{"1e3", 0, false},
	{"0x10", 0, false},
	{"0b1", 0, false},
	{"0o7", 0, false},
	{"\u0661\u0662\u0663", 123, true},
	{"\u0663", 3, true},
	{"\uff12", 2, true},
	{"\uff11\uff12\uff13", 123, true},
	{"1\u06623", 123, true},
	{"\u0663_\u0663", 33, true},
	{"\U0001d7d9\U0001d7da", 12, true},
	{"\u07c0", 0, true},
	{"\u00a01\u00a0", 1, true},
	{"\u30007\u3000", 7, true},
	{"\u20281\u2029", 1, true},
	{"\u00851", 1, true},
	{"\u180e1", 0, false},
	{"\u200b1", 0, false},
	{"\x1c1", 0, false},
	{"1\x1f", 0, false},
	{"\x1f", 0, false},
	{"1\x00", 0, false},
	{"\x001", 0, false},
	{"\x7f1", 0, false},
	{"\u00b2", 0, false},
	{"\u216b", 0, false},
	{"\u4e00", 0, false},
	{"9223372036854775807", 9223372036854775807, true},
	{"9223372036854775808", 9223372036854775807, true},
	{"-9223372036854775808", -9223372036854775808, true},
	{"-9223372036854775809", -9223372036854775808, true},
	{"99999999999999999999999", 9223372036854775807, true},
	{"-99999999999999999999999", -9223372036854775808, true},
	{"18446744073709551615", 9223372036854775807, true},
	{"18446744073709551616", 9223372036854775807, true},
	{strings.Repeat("0", 4300), 0, true},
	{strings.Repeat("0", 4301), 0, false},
	{strings.Repeat("1", 4300), 9223372036854775807, true},
	{strings.Repeat("1", 4301), 0, false},
	{"-" + strings.Repeat("9", 4300), -9223372036854775808, true},
	{strings.Repeat("1_", 4300) + "1", 0, false},
	{strings.Repeat("1_", 4299) + "1", 9223372036854775807, true},
	{strings.Repeat("  ", 50) + "5", 5, true},
	{"0_0", 0, true},
	{"00_00", 0, true},
	{"+\u0663", 3, true},
	{"1a", 0, false},
	{"a1", 0, false},
	{"NaN", 0, false},
	{"\u221e", 0, false},
	{"1\u3000\u3000", 1, true},
	{"1\u00a0x", 0, false},
	{"1-2\u00a0\u00a0\u3000\u0663+", 0, false},
	{"315", 315, true},
	{"0+25\u06639\t", 0, false},
	{"\u00a0\u0663_\u06632\u00a0", 332, true},
	{"\u00a0\u00a0\u30004", 4, true},
	{"4\u00a0-\u0663\u3000", 0, false},
	{"\u3000\x1c2\u00a05224", 0, false},
	{"5\u3000\u0663_0a\u3000+", 0, false},
	{"_9_\u3000", 0, false},
	{"-0\u3000 \u3000\u06631", 0, false},
	{"\uff12 -_9\u00a0+9", 0, false},
	{"a\u300020\t1-9", 0, false},
	{"-\uff12\u3000a4", 0, false},
	{"5\t\u30001\u30001 _", 0, false},
	{"-0994", -994, true},
	{"1\u00a0_", 0, false},
	{"30", 30, true},
	{"\uff12\u0663\u0663", 233, true},
	{"2", 2, true},
	{"\uff12\t3\x1c2\t ", 0, false},
	{"\u066331_35\u00a0\x1c", 0, false},
	{"1390+530", 0, false},
	{"3\uff12", 32, true},
	{"+5 2\u30005\t", 0, false},
	{"\x1c9\uff12_30 ", 0, false},
	{"\x1c", 0, false},
	{" \x1c_", 0, false},
	{"0 ", 0, true},
	{"92\u0663+", 0, false},
	{"\x1c\u3000", 0, false},
	{"a", 0, false},
	{"\u0663aa\x1c", 0, false},
	{"- 5_-\t", 0, false},
	{"-334", -334, true},
	{"4\uff12\uff12", 422, true},
	{"\u00a0\u3000+\t2", 0, false},
	{"\uff129-0430", 0, false},
	{"\t3+ \t2\uff12", 0, false},
	{"20\x1c0", 0, false},
	{"\u066315\u0663 \x1c4", 0, false},
	{"33a\u06630a2\uff12", 0, false},
	{"+2+55", 0, false},
	{"0\t\u3000+-\x1c", 0, false},
	{"234", 234, true},
	{"-\uff12\x1c\t1\u0663 ", 0, false},
	{"\t", 0, false},
	{"\u00a0\uff12", 2, true},
	{"34-\t93_1", 0, false},
	{"\u00a0 \x1c-\u0663 ", 0, false},
	{"4_\u06639\u0663", 4393, true},
	{"_5\u0663\u30001\t", 0, false},
	{"\u00a0++ \t1\uff12\t", 0, false},
	{"9\t", 9, true},
	{"\x1c314a5_", 0, false},
	{"02aa5\u3000", 0, false},
	{"3\u0663+", 0, false},
	{"\u3000+4\x1c2\u30005", 0, false},
	{"22", 22, true},
	{"5\uff1244\uff12", 52442, true},
	{"+\u00a009+\u00a04", 0, false},
	{"\ta\u00a0\u0663-\x1c ", 0, false},
	{"\u00a0\u00a01\uff1249 \u00a0", 1249, true},
	{"14++_", 0, false},
	{"9\t40\u3000 ", 0, false},
	{"+\u3000210+\u3000", 0, false},
	{"-4\u0663", -43, true},
	{"\u3000", 0, false},
	{"\u30002a", 0, false},
	{"\uff12_49\x1c\u0663", 0, false},
	{"34\u0663", 343, true},
	{"+\u30005 \u3000\u30002", 0, false},
	{"-290\t", -290, true},
	{"\uff12\u06634", 234, true},
	{"2+\u3000_2\x1c4", 0, false},
	{"- -2", 0, false},
	{"92-5\u30004_3", 0, false},
	{"23_\u3000_\u00a0\u00a0", 0, false},
	{"3a\t_05", 0, false},
	{"-\u00a0", 0, false},
	{"\uff1222a3_0-", 0, false},
	{"1+-\u3000\u3000\uff12", 0, false},
	{"-\u06634\u06634 ", -3434, true},
	{"3a", 0, false},
	{"--a\uff12_0\t0", 0, false},
	{"1510\u00a0\u3000\uff12", 0, false},
	{"+15 \u3000-", 0, false},
	{"a+\u0663\t", 0, false},
	{"1\u00a03\u3000", 0, false},
	{"a03_\u00a0\u3000+", 0, false},
	{" 1", 1, true},
	{"\u3000\u3000", 0, false},
	{"\x1c342", 0, false},
	{"-+23", 0, false},
	{"459\t33", 0, false},
	{"-\u00a0 \x1c", 0, false},
	{"\u00a0\t+55\t\t", 55, true},
	{"\uff12\x1c0", 0, false},
	{"0\u00a00_", 0, false},
	{"5-_\u00a0\x1c", 0, false},
	{"\t\t05", 5, true},
	{"+\u06634\u0663\u30005-9", 0, false},
	{"\t\uff12 \x1c1_a", 0, false},
	{"25 \u00a05--", 0, false},
	{"\u3000 \u00a0\x1c\x1c2", 0, false},
	{"\u30000", 0, true},
	{"20\x1c\t_0", 0, false},
	{"312-", 0, false},
	{"3\u00a0", 3, true},
	{"\t92\uff12\uff125_2", 922252, true},
	{"\u06632\u3000", 32, true},
	{"4\u00a0-a_04", 0, false},
	{"\uff12\x1c\u06631\u3000\uff12 ", 0, false},
	{"\t1\t40", 0, false},
	{"09\x1c\u3000+", 0, false},
	{"\u30001", 1, true},
	{"9\u00a0\u066300", 0, false},
	{"\u00a0\u06632 +", 0, false},
	{"\x1c2-\uff12\t\u00a0", 0, false},
	{"2\uff12 ", 22, true},
	{" 1\x1c 4_2", 0, false},
	// END GENERATED pyIntCases
}

// pyUUIDCases pairs inputs with Python's str(uuid.UUID(hex=s)); ok is false
// where it raises ValueError.
var pyUUIDCases = []struct {
	in   string
	want string
	ok   bool
}{
	// BEGIN GENERATED pyUUIDCases (testdata/gen_query_tables.py, Python 3.13.0)
	{"523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523d2a54cdaa4c43936aa40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523D2A54-CDAA-4C43-936A-A40CACC66A5E", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523D2A54CDAA4C43936AA40CACC66A5E", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"{523d2a54-cdaa-4c43-936a-a40cacc66a5e}", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"{{523d2a54-cdaa-4c43-936a-a40cacc66a5e}}", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"{523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523d2a54-cdaa-4c43-936a-a40cacc66a5e}", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"}523d2a54-cdaa-4c43-936a-a40cacc66a5e{", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"urn:uuid:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"URN:UUID:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "", false},
	{"uuid:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"urn:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"urn:uuid:{523d2a54-cdaa-4c43-936a-a40cacc66a5e}", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"{urn:uuid:523d2a54-cdaa-4c43-936a-a40cacc66a5e}", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523d2a54urn:-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523d2a54uuid:-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"uuurn:id:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"uurn:rn:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "", false},
	{"uuid:urn:523d2a54-cdaa-4c43-936a-a40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"-523d2a54cdaa4c43936aa40cacc66a5e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"523d2a54cdaa4c43936aa40cacc66a5e-", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"--523d2a54cdaa4c43936aa40cacc66a5e--", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"5-2-3-d-2-a-5-4-c-d-a-a-4-c-4-3-9-3-6-a-a-4-0-c-a-c-c-6-6-a-5-e", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{" 523d2a54cdaa4c43936aa40cacc66a5", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"523d2a54cdaa4c43936aa40cacc66a5 ", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{" 523d2a54cdaa4c43936aa40cacc66a ", "00523d2a-54cd-aa4c-4393-6aa40cacc66a", true},
	{"\t523d2a54cdaa4c43936aa40cacc66a5", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"\u3000523d2a54cdaa4c43936aa40cacc66a5", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"\x1c523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"+523d2a54cdaa4c43936aa40cacc66a5", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"0x523d2a54cdaa4c43936aa40cacc66a", "00523d2a-54cd-aa4c-4393-6aa40cacc66a", true},
	{"0X523d2a54cdaa4c43936aa40cacc66a", "00523d2a-54cd-aa4c-4393-6aa40cacc66a", true},
	{"0x_523d2a54cdaa4c43936aa40cacc66", "000523d2-a54c-daa4-c439-36aa40cacc66", true},
	{"0x__523d2a54cdaa4c43936aa40cacc6", "", false},
	{"_523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"523d2a54cdaa4c43936aa40cacc66a5_", "", false},
	{"523d2a54cd_aa4c43936aa40cacc66a5", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"523d2a54cd__aa4c43936aa40cacc66a", "", false},
	{"+0x523d2a54cdaa4c43936aa40cacc66", "000523d2-a54c-daa4-c439-36aa40cacc66", true},
	{" +0x_523d2a54cdaa4c43936aa40cacc ", "", false},
	{"00000000000000000000000000000000", "00000000-0000-0000-0000-000000000000", true},
	{"ffffffffffffffffffffffffffffffff", "ffffffff-ffff-ffff-ffff-ffffffffffff", true},
	{"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "ffffffff-ffff-ffff-ffff-ffffffffffff", true},
	{"g523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"523d2a54cdaa4c43936aa40cacc66a5e0", "", false},
	{"", "", false},
	{"{}", "", false},
	{"--------------------------------", "", false},
	{"\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663\u0663", "33333333-3333-3333-3333-333333333333", true},
	{"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "", false},
	{"gggggggggggggggggggggggggggggggg", "", false},
	{"GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG", "", false},
	{"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "", false},
	{"\u0660x523d2a54cdaa4c43936aa40cacc66a", "00523d2a-54cd-aa4c-4393-6aa40cacc66a", true},
	{"\uff12523d2a54cdaa4c43936aa40cacc66a5", "2523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"\uff21523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", false},
	{"                                ", "", false},
	{"523d2a54cdaa4c43 936aa40cacc66a5", "", false},
	{"0x                              ", "", false},
	{"\u00a0523d2a54cdaa4c43936aa40cacc66a\u00a0", "00523d2a-54cd-aa4c-4393-6aa40cacc66a", true},
	{"{ 523d2a54cdaa4c43936aa40cacc66a5}", "0523d2a5-4cda-a4c4-3936-aa40cacc66a5", true},
	{"{-523d2a54cdaa4c43936aa40cacc66a5e-}", "523d2a54-cdaa-4c43-936a-a40cacc66a5e", true},
	{"{-{523d2a54cdaa4c43936aa40cacc66a5e}-}", "", false},
	{"\x00523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"\u00e9523d2a54cdaa4c43936aa40cacc66a5", "", false},
	{"1111111111111111111111111111111\u00e9", "", false},
	{"cAb4f04aEB8EFCB9230urn:9b3_Ee5cAbfaf", "0cab4f04-aeb8-efcb-9230-9b3ee5cabfaf", true},
	{"C04C422Ce8eAca_Cda1c4e0deA8afcBd", "0c04c422-ce8e-acac-da1c-4e0dea8afcbd", true},
	{"F0f3C81E92B5DEA43A2AB27}E9cb620D", "", false},
	{"EeEAB FDe811f3B\u06630D3F5ce2Eefd3cdF", "", false},
	{"14bf7ec4d517CbD784a0fb51576FBe", "", false},
	{"8Fdb0cF8D41356D40+2950xB34fcaurn:183bf9", "", false},
	{"1E5a573d4bc956FfED217e9DeEF0aCFA", "1e5a573d-4bc9-56ff-ed21-7e9deef0acfa", true},
	{"9C9fe4FdAedFa69B1D9\u06638F4BbC1}6fb7d5}", "", false},
	{"45A63B449702c8469B776f84a8edbCbc", "45a63b44-9702-c846-9b77-6f84a8edbcbc", true},
	{"3EaFdbbE2e5e7dBfa6B2E7FAD9Aef43B", "3eafdbbe-2e5e-7dbf-a6b2-e7fad9aef43b", true},
	{"Ed3eFF130b2BAAbb7\u3000b7e50D99dd7C5", "", false},
	{"1a11bDecd9dbF4Bbc3BC0AeeCC1FC8dA", "1a11bdec-d9db-f4bb-c3bc-0aeecc1fc8da", true},
	{"6c819C4B\u3000e46560eFfAb1dD688F3dfurn:78", "", false},
	{"5CF2c6Fb}225Fb72g8DE219fa8b583AD5", "", false},
	{"56c0bc6eBF6DDe2D14CcEed2ADuuid:548d6d", "56c0bc6e-bf6d-de2d-14cc-eed2ad548d6d", true},
	{"3a6bd954E3e4Fbb052fB4971aC64dcaB", "3a6bd954-e3e4-fbb0-52fb-4971ac64dcab", true},
	{"c2fcEbCcccb4FFdECf7E1 72B076deAe63_", "", false},
	{"b4D2CB5f03Fb5bCDEA8D91ed03fBe51E", "b4d2cb5f-03fb-5bcd-ea8d-91ed03fbe51e", true},
	{"urn:fc8bB499CaC66a0fe4F6b5f8-09B22d0xCb0", "", false},
	{"EeF64DgbdDBa2Fe47c882184aB0B2C01", "", false},
	{"14b964fDc1eDDcc76uuid:acbd8750xEd2afA554", "", false},
	{"F40CD53F5DFA963776E5a91f8fEAE956", "f40cd53f-5dfa-9637-76e5-a91f8feae956", true},
	{"DAdE0Dfe2d51281C 6DCc1cB5a3E709ae", "", false},
	{"fE43664cCC8BCeD65curn:+b57eB301C59FF", "", false},
	{"ecdD0x4883B8fb68c901Fa6Ad38edef3c", "", false},
	{"ff49ea4FBb45d24c4d83fab95995dddA", "ff49ea4f-bb45-d24c-4d83-fab95995ddda", true},
	{"e2E3bC506Af8bbe479Cuuid:f8110xF5aC2B0", "", false},
	{"5FB5780bgb6169urn:eF3FA8e77E2Ce0AD7Ca", "", false},
	{"aFf}uuid:57a7edA9b4f48603E7e0xBa573caEEB", "", false},
	{"93c58fcAE55B8f_a102aAc c2a8994urn:eD", "", false},
	{"aF2Af54622756urn:50669FE1uuid:cBcEBFCe0", "", false},
	{"1urn:0EC2cF1+e23d776061C9fe28f0cb8D", "", false},
	{"150xe483D773DbE54B9DDfE5adCur{n:24ca03", "", false},
	{"fC1E83F79DfgddBeEe2bB1BD0ab3\u0663C8E1c", "", false},
	{"{cCE3A8e2Dd5663cd7674efa100 fAg1CcF", "", false},
	{"54f89f2D9Ca046EB40c3E95fa7D25300", "54f89f2d-9ca0-46eb-40c3-e95fa7d25300", true},
	{"f933C6cfeE10270F5961BfF68A89dFd8", "f933c6cf-ee10-270f-5961-bff68a89dfd8", true},
	{"F5b6dEC918FEDd61f9eb7718Fc490dEfB", "", false},
	{"F40dFF8F90bd11F8b920aaCBcBfuuid:6BBd0", "f40dff8f-90bd-11f8-b920-aacbcbf6bbd0", true},
	{"2aeCbFf23Bc08CcFe4egE0C2baAdEB59c", "", false},
	{"c3BD6A21Abd45FF23b94facA3DCE89C9", "c3bd6a21-abd4-5ff2-3b94-faca3dce89c9", true},
	{"20eBA7eec30a2FcFe62550aA5143B288", "20eba7ee-c30a-2fcf-e625-50aa5143b288", true},
	{"Cf{D8e6d4fd9FC61urn:EdCb967bEC44c347F", "", false},
	{"cDduuid:eEf1FeCA266F6d2fcBEFFA8FA46F7", "cddeef1f-eca2-66f6-d2fc-beffa8fa46f7", true},
	{"631dfFE00xc96D168c91aDdbdcAfF73fea", "", false},
	{"e79958BB11BFe{60bae15B358EeADC1d1", "", false},
	{"1ce25Bc0x4d6d6bcaAA5dbA41a4Dd7f54e", "", false},
	{"A7b443b8f24B671dF0222612b3urn-:c4eCb2", "", false},
	{"afA7f1Eaed1b963F075e83d8fdB56AF", "", false},
	{"0d644b396dcd9Cc11bAB1756E8E2d01cB", "", false},
	{"c2Bff55e8fE855aD2B2fc99A1a7FcBcf", "c2bff55e-8fe8-55ad-2b2f-c99a1a7fcbcf", true},
	{"D59b8c5ef17FD6BeeAfB3cfedaB688aa", "d59b8c5e-f17f-d6be-eafb-3cfedab688aa", true},
	{"3AF7ED06d137D1uuid:1Ae275F3C{6b-3cEdaA", "", false},
	{"5A91bD61D7b07AE30C41fCf24C0bf4d", "", false},
	{"b62C5a7fe78aEF66FE8b8dCcD6BA8e4B", "b62c5a7f-e78a-ef66-fe8b-8dccd6ba8e4b", true},
	{"C1C95eBA820a6BE66BAE3843F18d30c4", "c1c95eba-820a-6be6-6bae-3843f18d30c4", true},
	{"EaAA824cb0D21bfB8CcbFbB37F95380", "", false},
	{"CdAffbfFFEcD8uuid:b722cCF8c0c_0xfE671DE9", "", false},
	{"ccEeFc6E95urn:20Cb1777e4ce3FECg7e6\u30007FD", "", false},
	{"E7f09E-FC0ae2Bc9c5b9CB0f2cAc_FDEf8", "", false},
	{"C{1dA5ea177aeE78aecd3B7011eDDE7e4A", "", false},
	{"3fecc572bdAb9e8E0AA\u3000aAF92DB75B0Ef10x", "", false},
	{"b0BcBaa3AFEf2D6d1fcde88C7cfCAe9e0x", "", false},
	{"204}1eeB0610x8{4cFeeFAF3D4b5c51FDe4b", "", false},
	{"Ffb0ef7d4feeCeaA6BffD10D37fa-02f0x", "", false},
	{"bef4deA5f7B26dE16E940Aaa93ec8b8F", "bef4dea5-f7b2-6de1-6e94-0aaa93ec8b8f", true},
	{"032EAFB621F08Bff5EAf92efa7f9b45b", "032eafb6-21f0-8bff-5eaf-92efa7f9b45b", true},
	{"eEFC660E3ADFa1{BDBe53D2FB7D3B9C{C{5", "", false},
	{"ed17ed_B52ffced4C0efaf40EDdd52493", "", false},
	{"f682C1uuid:3e4BDa-AA0cEDF21c165211{4dBF", "", false},
	{"20dC18Fed9FDD8B45eeAeD60xcDFE7C3D5", "", false},
	{"EB9B95Ac8a3BDA4DEd580BeaD0Da202C", "eb9b95ac-8a3b-da4d-ed58-0bead0da202c", true},
	{"BFE50aA33eC77F0x6eB4FF7\u3000d08F9CCEa64", "", false},
	{"Cb8dA3fe{0bdbFbbfa827d9269a8Cf2ba", "", false},
	{"A3859C506fb2+00aCBd99BE30a33ADF0d", "", false},
	{"\u30006f46fd82600uuid:Eea4f9da271cBcd93dE4F", "", false},
	{"_ DB13d5eB33BCa9CFaDda9baFEf9e2fE", "", false},
	{"f3urn:3F3 B80091B548e6a6Ec0ec9Cburn:a5D", "", false},
	{"aEB8dC3abE9C7FecC4e8613151eF7g1C", "", false},
	{"+0xaD62f1CD094FBdA253fBfEb21CEcC3d9", "", false},
	{"5curn:942d623gd2395dfECFA88f64Aa0Df5e1", "", false},
	{"a95A6eCFC3e1f7 a4fb5uuid:f8E6\u3000E9F228EeB", "", false},
	{"ADaB8caefC18a7e55eac4E6AfdDFec{", "", false},
	{"868f5A7e44ddde6AaB9E6130B8C033BC", "868f5a7e-44dd-de6a-ab9e-6130b8c033bc", true},
	{"CbdaC42C4D4fFFcE06EdfCF71c36E01F", "cbdac42c-4d4f-ffce-06ed-fcf71c36e01f", true},
	{"EC4c-38C0bE6ECcc446f28E274Ag087A0C", "", false},
	{"f8cfA5fbeAbCfaDFCb62cCbC4c4cfb5", "", false},
	{"7183fbe\u30009054fDFd20ebebd723A3398fB", "", false},
	{"1ec8DdbcD40x1aaeaeBB{dBf728fff\u06632b736", "", false},
	{"f22D9A0F7cF6B-7Df0db5799gF0acd9C7B\u3000", "", false},
	{"4F34eab4g2F0D88FDc93BFf587f4c76", "", false},
	{"6a780a7aE69A21582294DF03d3bC7E6", "", false},
	{"2ACBD1e4BE6B4BE6E1fe7Dc048dF8A3", "", false},
	{"0f{dFEC4B28D03c2C8F64 72 FD59DBeDdC", "", false},
	{"0b3BAe547gd5f68f61BeBfFc251eA\u06636d01gb", "", false},
	{"c53\u30007a4Ccg3DC1c+d5fB7Ce7Ec03EDcaD4F", "", false},
	{"FFDfE55}c50b000eAc1FC264A1\u0663a15ab\u3000", "", false},
	{"28DD6}C69Ee2540ea\u06635853c5CF_3C8160fc", "", false},
	{"fC9cbcA69F8Fda25dc1bE2}dFbEEeC23f\u3000", "", false},
	{"9 EAFaCd4005{a4aDFac4d3Cef26Df11Dd", "", false},
	{"c5-dE81c4F84A49cBA0Bee148b+ae3F0cc_", "", false},
	{"bCeAC619ABAFEf7ce758ceddcf69FgBC", "", false},
	{"A9cA306E92C2BB3eb4bdbD1BB4a1edbF", "a9ca306e-92c2-bb3e-b4bd-bd1bb4a1edbf", true},
	{"Dauuid:098dFAcad20CB55fABCa1b\u3000Cf67bFEa", "", false},
	{"52C4Af3f4CdDcCFa79dC83e7AbEd7EaA", "52c4af3f-4cdd-ccfa-79dc-83e7abed7eaa", true},
	{"AAdb99Cb4DFD2BA6BB\u06630BC692a8D67c1b3", "", false},
	{"fdF36EE6Fc75cA\u0663DC0{aE5AD9bAa+acF01A", "", false},
	{"a2c0A2}c98dd7}fB5E6F208EcAAB63D7", "", false},
	{"e4d364B1AAAc2697Bb6C\u3000EC13d8CDdDfAb", "", false},
	{"FA73dd4D4556C971A9Be40BC40964aED", "fa73dd4d-4556-c971-a9be-40bc40964aed", true},
	{"f1ccAD4c07C4ec40033C7cA805DC9AEF", "f1ccad4c-07c4-ec40-033c-7ca805dc9aef", true},
	{"31eA9urn:c8F58C8c00\u3000F847A182bFB6}BDE", "", false},
	{"fBA8fb13B46fdBb95Bd3dDd3d5B9d78F", "fba8fb13-b46f-dbb9-5bd3-ddd3d5b9d78f", true},
	{"C19bF0EB4d073EBd7EDA097E15fCcB2", "", false},
	{"1c-aBA2E1E783FcAA33BDC1DAcf8F67E0", "1caba2e1-e783-fcaa-33bd-c1dacf8f67e0", true},
	{"cECA4BBed2467E02e51+FD71aD6EFe16D", "", false},
	{"9Af1cbC09300da57C540C3727a5A668D", "9af1cbc0-9300-da57-c540-c3727a5a668d", true},
	{"A4B180A0dabE670B391d56aeeD88d9A7", "a4b180a0-dabe-670b-391d-56aeed88d9a7", true},
	{"fb4F7cFD fBbdB914f1F6DA8D8ED7Eaea2", "", false},
	{"83bd54c4Dab125cb0F5EAdD5Ca1de91bc", "", false},
	// END GENERATED pyUUIDCases
}

func TestPyIsSpaceAllCodePoints(t *testing.T) {
	want := make(map[rune]bool, len(pySpaces))
	for _, r := range pySpaces {
		want[r] = true
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if got := PyIsSpace(r); got != want[r] {
			t.Fatalf("PyIsSpace(%U) = %v, Python says %v", r, got, want[r])
		}
	}
}

func TestDecimalValueAllCodePoints(t *testing.T) {
	want := make(map[rune]int, 10*len(pyDecimalZeros))
	for _, z := range pyDecimalZeros {
		for d := 0; d < 10; d++ {
			want[z+rune(d)] = d
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		w, ok := want[r]
		if !ok {
			w = -1
		}
		if got := decimalValue(r); got != w {
			t.Fatalf("decimalValue(%U) = %d, Python says %d", r, got, w)
		}
	}
}

func TestPyStrip(t *testing.T) {
	for _, tc := range pyStripCases {
		assert.Equal(t, tc.want, PyStrip(tc.in), "PyStrip(%q)", tc.in)
	}
}

func TestPyStripInvalidUTF8(t *testing.T) {
	tests := []struct{ in, want string }{
		{" \xff ", "\xff"},
		{"\xe3\x80 a", "\xe3\x80 a"},
		{" a\xe3\x80", "a\xe3\x80"},
		{"\u3000\xe3\x80\x80\u3000", ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, PyStrip(tc.in), "PyStrip(%q)", tc.in)
	}
}

func TestPyInt(t *testing.T) {
	assert.GreaterOrEqual(t, len(pyIntCases), 40)
	for _, tc := range pyIntCases {
		got, ok := PyInt(tc.in)
		name := tc.in
		if len(name) > 40 {
			name = name[:40] + "..."
		}
		assert.Equal(t, tc.ok, ok, "PyInt(%q) ok", name)
		assert.Equal(t, tc.want, got, "PyInt(%q)", name)
	}
}

func TestPyIntInvalidUTF8(t *testing.T) {
	for _, in := range []string{"\xff", "1\xff", "\xff1", " 1 \x80"} {
		got, ok := PyInt(in)
		assert.False(t, ok, "PyInt(%q)", in)
		assert.Zero(t, got)
	}
}

func TestPyIntSaturation(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{strings.Repeat("9", 4300), math.MaxInt64},
		{"-" + strings.Repeat("9", 4300), math.MinInt64},
		{"9223372036854775807", math.MaxInt64},
		{"-9223372036854775808", math.MinInt64},
		{"-9223372036854775807", -math.MaxInt64},
	}
	for _, tc := range tests {
		got, ok := PyInt(tc.in)
		assert.True(t, ok)
		assert.Equal(t, tc.want, got)
	}
}

// TestPyBigInt: PyBigInt reads what PyInt reads (pyIntCases, the oracle's answers), with the
// value itself where PyInt saturates.
func TestPyBigInt(t *testing.T) {
	for _, tc := range pyIntCases {
		got, ok := PyBigInt(tc.in)
		require.Equal(t, tc.ok, ok, "PyBigInt(%.40q) ok", tc.in)
		if ok && tc.want != math.MaxInt64 && tc.want != math.MinInt64 {
			assert.Equal(t, big.NewInt(tc.want), got, "PyBigInt(%.40q)", tc.in)
		}
	}
	for in, want := range map[string]string{
		"9223372036854775808":              "9223372036854775808",
		" -1_0000000000_0000000000 ":       "-100000000000000000000",
		"+\u0661" + "00000000000000000000": "100000000000000000000",
		strings.Repeat("9", 4300):          strings.Repeat("9", 4300),
	} {
		got, ok := PyBigInt(in)
		require.True(t, ok, "PyBigInt(%.40q)", in)
		assert.Equal(t, want, got.String(), "PyBigInt(%.40q)", in)
	}
	_, ok := PyBigInt(strings.Repeat("9", 4301))
	assert.False(t, ok, "more than 4300 digits")
}

func TestPyUUID(t *testing.T) {
	assert.GreaterOrEqual(t, len(pyUUIDCases), 30)
	for _, tc := range pyUUIDCases {
		got, ok := PyUUID(tc.in)
		assert.Equal(t, tc.ok, ok, "PyUUID(%q) ok", tc.in)
		assert.Equal(t, tc.want, got, "PyUUID(%q)", tc.in)
	}
}

func BenchmarkPyInt(b *testing.B) {
	if n, ok := PyInt("  12345 "); n != 12345 || !ok {
		b.Fatalf("PyInt = %d, %v", n, ok)
	}
	for b.Loop() {
		PyInt("  12345 ")
	}
}

func BenchmarkPyUUID(b *testing.B) {
	const pk = "523d2a54-cdaa-4c43-936a-a40cacc66a5e"
	if got, ok := PyUUID(pk); got != pk || !ok {
		b.Fatalf("PyUUID = %q, %v", got, ok)
	}
	for b.Loop() {
		PyUUID(pk)
	}
}
