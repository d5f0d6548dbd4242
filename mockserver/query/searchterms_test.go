package query

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// searchTermsCases pairs search parameters with DRF 3.16's
// search_smart_split(value) (nil for an empty list).
var searchTermsCases = []struct {
	in   string
	want []string
}{
	// BEGIN GENERATED searchTermsCases (testdata/gen_query_tables.py, Python 3.13.0)
	{"", nil},
	{" ", nil},
	{"   ", nil},
	{"a", []string{"a"}},
	{"a b", []string{"a", "b"}},
	{"  a   b  ", []string{"a", "b"}},
	{"a,b", []string{"a", "b"}},
	{"a, b", []string{"a", "b"}},
	{"a ,b", []string{"a", "b"}},
	{",a,", []string{"a"}},
	{",,,", nil},
	{",", nil},
	{"a,,b", []string{"a", "b"}},
	{"\"b c\"", []string{"b c"}},
	{"a,\"b c\"", []string{"a", "\"b c\""}},
	{"\"b c\",a", []string{"\"b c\"", "a"}},
	{"'a b'", []string{"a b"}},
	{"it's", []string{"it's"}},
	{"quote\"d", []string{"quote\"d"}},
	{"\"\\\"x\"", []string{"\"x"}},
	{"\"", []string{""}},
	{"'", []string{""}},
	{"''", []string{""}},
	{"\"\"", []string{""}},
	{"\" \"", []string{" "}},
	{"' '", []string{" "}},
	{"\"a", []string{"\"a"}},
	{"a\"", []string{"a\""}},
	{"\"a b", []string{"\"a", "b"}},
	{"'a b", []string{"'a", "b"}},
	{"a 'b c", []string{"a", "'b", "c"}},
	{"\"a\\\" b\"", []string{"a\" b"}},
	{"'a\\' b'", []string{"a' b"}},
	{"\"a\\\\\" b", []string{"a\\", "b"}},
	{"\"a\\\\\\\" b\"", []string{"a\\\" b"}},
	{"\"a\\n\"", []string{"a\\n"}},
	{"\"a\\", []string{"\"a\\"}},
	{"\"a\\\nb\"", []string{"\"a\\", "b\""}},
	{"\"a\nb\"", []string{"a\nb"}},
	{"a\tb", []string{"a", "b"}},
	{"a\nb", []string{"a", "b"}},
	{"a\rb", []string{"a", "b"}},
	{"a\x0bb\x0cc", []string{"a", "b", "c"}},
	{"a\u3000b", []string{"a", "b"}},
	{"a\u00a0b", []string{"a", "b"}},
	{"a\x1fb", []string{"a", "b"}},
	{"a\x1cb", []string{"a", "b"}},
	{"a\u2028b", []string{"a", "b"}},
	{"a\u200bb", []string{"a\u200bb"}},
	{"a\u180eb", []string{"a\u180eb"}},
	{"\u3000a\u3000", []string{"a"}},
	{"\"a\u3000b\"", []string{"a\u3000b"}},
	{"x\"a b\"y", []string{"x\"a b\"y"}},
	{"x'a b'y z", []string{"x'a b'y", "z"}},
	{"x\"a b\"y\"c d\"z", []string{"x\"a b\"y\"c d\"z"}},
	{"\"a\"'b'", []string{"\"a\"'b'"}},
	{"\"a\" 'b'", []string{"a", "b"}},
	{"\"a\"\"b\"", []string{"a\"\"b"}},
	{"'a''b'", []string{"a''b"}},
	{"\"a'b\"", []string{"a'b"}},
	{"'a\"b'", []string{"a\"b"}},
	{"\"a\"b\"", []string{"\"a\"b", ""}},
	{"a\"b\"c\"", []string{"a\"b\"c", ""}},
	{",\"a b\",", []string{"a b"}},
	{",,\"a b\",,", []string{"a b"}},
	{"\",a b,\"", []string{",a b,"}},
	{"\"a b\",,c", []string{"\"a b\"", "c"}},
	{"a,\"b c\",d", []string{"a", "\"b c\"", "d"}},
	{"a,\"b, c\"", []string{"a", "\"b", "c\""}},
	{"\"a, b\"x", []string{"\"a", "b\"x"}},
	{"x\"a, b\"", []string{"x\"a", "b\""}},
	{"\"a, ,b\"c", []string{"\"a", "", "b\"c"}},
	{"\", a\"", []string{", a"}},
	{"'", []string{""}},
	{"''''", []string{"''"}},
	{"'a'b'", []string{"'a'b", ""}},
	{"\\", []string{"\\"}},
	{"\\\"", []string{"\\\""}},
	{"a\\b", []string{"a\\b"}},
	{"\"\\\\\"", []string{"\\"}},
	{"\"\\\\\\\\\"", []string{"\\\\"}},
	{"'\\\\'", []string{"\\"}},
	{"'\\''", []string{"'"}},
	{"\"\\'\"", []string{"\\'"}},
	{"'\\\"'", []string{"\\\""}},
	{"\u00e9 \u00fc", []string{"\u00e9", "\u00fc"}},
	{"\"\u00e9 \u00fc\"", []string{"\u00e9 \u00fc"}},
	{"\U0001f600 \"\U0001f600 x\"", []string{"\U0001f600", "\U0001f600 x"}},
	{"a\x00b", []string{"a\x00b"}},
	{"\x00", []string{"\x00"}},
	{"\"\x00\"", []string{"\x00"}},
	{"name,slug", []string{"name", "slug"}},
	{"-name", []string{"-name"}},
	{"\"b c\",\"d e\"", []string{"b c\",\"d e"}},
	{"'b c','d e'", []string{"b c','d e"}},
	{"\"b c\" \"d e\"", []string{"b c", "d e"}},
	{"\"\"\"", []string{"", ""}},
	{"'''", []string{"", ""}},
	{"\"'\"", []string{"'"}},
	{"'\"'", []string{"\""}},
	{"\" ' \"", []string{" ' "}},
	{"a\" b", []string{"a\"", "b"}},
	{"a' b c'", []string{"a' b c'"}},
	{"x", []string{"x"}},
	{"xa\"\"\tx", []string{"xa\"\"", "x"}},
	{"\t", nil},
	{"b\t\n\x1f\"\"a,\\", []string{"b", "\"\"a", "\\"}},
	{"\n\t\u00e9\n", []string{"\u00e9"}},
	{"\\ \x1f\x1fa',\u3000", []string{"\\", "a'"}},
	{"a\\\\\n\\\n\t", []string{"a\\\\", "\\"}},
	{"\u3000x\x1fb,x\t", []string{"x", "b", "x"}},
	{"\n\n\t\u3000x", []string{"x"}},
	{"\tx\u3000b\x1fa", []string{"x", "b", "a"}},
	{"ba\t", []string{"ba"}},
	{",a'\\\x1f,\\", []string{"a'\\", "\\"}},
	{"'x',x  \t", []string{"'x'", "x"}},
	{"x'\txa\"a", []string{"x'", "xa\"a"}},
	{" ,\\\u3000  ,'x\"", []string{"\\", "'x\""}},
	{"x\x1fb\t\t\u3000\n", []string{"x", "b"}},
	{"\u00e9", []string{"\u00e9"}},
	{"a'' ,' \" x", []string{"a''", "", "", "x"}},
	{"\\\u00e9a\u00e9a\x1f\t'\"\x1f", []string{"\\\u00e9a\u00e9a", "'\""}},
	{"x\u3000'b", []string{"x", "'b"}},
	{" \n'\u00e9\u3000", []string{"'\u00e9"}},
	{"\t,", nil},
	{"b',a\t'\\\x1f", []string{"b'", "a\t'\\"}},
	{"x\u3000\u3000''\u00e9'b ,", []string{"x", "''\u00e9", "'b"}},
	{"x\t\u00e9\u3000xax", []string{"x", "\u00e9", "xax"}},
	{",\n\x1f\u00e9\u3000\\\\\\", []string{"\u00e9", "\\\\\\"}},
	{"',a\u3000a\u3000", []string{"'", "a", "a"}},
	{"b", []string{"b"}},
	{" \u3000", nil},
	{"\"ba'\u3000", []string{"\"ba'"}},
	{" aa\\a' xb\u3000", []string{"aa\\a'", "xb"}},
	{"\x1fx", []string{"x"}},
	{"b,'\u3000b\"\t", []string{"b", "'", "b\""}},
	{"b\u3000\\\x1f\t\x1fb", []string{"b", "\\", "b"}},
	{"\",\" x", []string{",", "x"}},
	{"b\tx',b\"", []string{"b", "x'", "b\""}},
	{"'\\a\u00e9,\u3000\u00e9,\\", []string{"'\\a\u00e9", "\u00e9", "\\"}},
	{"\\xb\u3000bxb", []string{"\\xb", "bxb"}},
	{",'\"\u00e9,\\\"\u3000a", []string{"'\"\u00e9", "\\\"", "a"}},
	{"\x1f\\ab\n,\u3000", []string{"\\ab"}},
	{"\x1f\x1f',", []string{""}},
	{"\"x\\", []string{"\"x\\"}},
	{"\u3000\n \\\"\"\"", []string{"\\\"\"", ""}},
	{"\tx' \u00e9x\u00e9a\x1f", []string{"x'", "\u00e9x\u00e9a"}},
	{"\t\u3000,", nil},
	{"a,x\t\"\"\\a\t", []string{"a", "x", "\"\"\\a"}},
	{"\n", nil},
	{"\x1fx\" ", []string{"x\""}},
	{"'\n\\\u00e9\"\x1fxx", []string{"", "\\\u00e9\"", "xx"}},
	{"\u00e9\\ ", []string{"\u00e9\\"}},
	{"\\\\\u00e9\u00e9\n\t\u00e9\"\\a", []string{"\\\\\u00e9\u00e9", "\u00e9\"\\a"}},
	{",\u3000\t\x1f,,\x1f", nil},
	{"\x1fa\u00e9\u3000\tx", []string{"a\u00e9", "x"}},
	{"\u00e9b\x1f\u3000\"\"\x1fx ", []string{"\u00e9b", "", "x"}},
	{",'\tb\t,\x1fb\x1f", []string{"", "b", "b"}},
	{"\n\u3000\n\\", []string{"\\"}},
	{"\\\n\u00e9b\"'b", []string{"\\", "\u00e9b\"'b"}},
	{"' \nx\x1fx", []string{"", "x", "x"}},
	{"\n ", nil},
	{"\\'\n\u00e9'a", []string{"\\'\n\u00e9'a"}},
	{"\x1f,\x1fb", []string{"b"}},
	{"a x ", []string{"a", "x"}},
	{"\"\\\t\u00e9", []string{"\"\\", "\u00e9"}},
	{"\\a", []string{"\\a"}},
	{"'\n", []string{""}},
	{"\u00e9xx\u3000\\x\u00e9\"", []string{"\u00e9xx", "\\x\u00e9\""}},
	{"\t \t ", nil},
	{",,,\n \x1f' bb", []string{"", "bb"}},
	{"\" ba", []string{"", "ba"}},
	{"\"\"a\u3000\t\t", []string{"\"\"a"}},
	{"b\x1f", []string{"b"}},
	{"' a\u3000x\t", []string{"", "a", "x"}},
	{"\x1f\x1fb", []string{"b"}},
	{"xx\"\\'b", []string{"xx\"\\'b"}},
	{"\n\n\t \x1f\x1f", nil},
	{"a\u00e9", []string{"a\u00e9"}},
	{"'\t\t'", []string{"\t\t"}},
	{"'\u00e9,\n\tbx\u00e9", []string{"'\u00e9", "bx\u00e9"}},
	{"\n'x ", []string{"'x"}},
	{"\n\"x", []string{"\"x"}},
	{"\n\u00e9\t\u00e9", []string{"\u00e9", "\u00e9"}},
	{"\\x\"b'aa\t", []string{"\\x\"b'aa"}},
	{"x\u00e9\\\t", []string{"x\u00e9\\"}},
	{"\\b,\\\u00e9\n\u3000x", []string{"\\b", "\\\u00e9", "x"}},
	{"\u00e9'", []string{"\u00e9'"}},
	{"',\t'a\u3000\u00e9'a\"", []string{"'", "'a", "\u00e9'a\""}},
	{"x a,\u3000x", []string{"x", "a", "x"}},
	{"\"\u3000 '", []string{"", ""}},
	{"\n\tb,\"\\a", []string{"b", "\"\\a"}},
	{"\u3000x\n \x1fb\t\u00e9\t", []string{"x", "b", "\u00e9"}},
	{"\tx\"\x1f", []string{"x\""}},
	{"\u3000,", nil},
	{"\"\\b", []string{"\"\\b"}},
	{"'b \\", []string{"'b", "\\"}},
	{",,aa\\\nb\tx,", []string{"aa\\", "b", "x"}},
	{"\u00e9\n \u00e9x\u3000\x1f\"\t", []string{"\u00e9", "\u00e9x", ""}},
	{"\n\n\n\x1fb\x1f\"\u3000ba", []string{"b", "", "ba"}},
	{"b\n a\\\\ ", []string{"b", "a\\\\"}},
	{"xx\t", []string{"xx"}},
	{"\t\na'", []string{"a'"}},
	{"'ba\u00e9\x1f\\\t", []string{"'ba\u00e9", "\\"}},
	{"\ta\",b\",\n,", []string{"a\"", "b\""}},
	{"'\u00e9\"\x1f\t", []string{"'\u00e9\""}},
	{"\tb\x1fbb\x1f'", []string{"b", "bb", ""}},
	{"'\ta", []string{"", "a"}},
	{"a\u00e9\"b,b", []string{"a\u00e9\"b", "b"}},
	{"aa\u00e9a,", []string{"aa\u00e9a"}},
	{"\n\x1f\u3000\\\x1fb x", []string{"\\", "b", "x"}},
	{"\u3000,x '", []string{"x", ""}},
	{"\\\x1f\"\" '\u00e9'", []string{"\\", "", "\u00e9"}},
	{"\",xab\x1f\u3000", []string{"\"", "xab"}},
	{"'\x1f", []string{""}},
	{",\\", []string{"\\"}},
	{"x\u3000\t\"\n\n\"", []string{"x", "\n\n"}},
	{"x\\a\t", []string{"x\\a"}},
	{"a \n\\a\"\x1f\x1f", []string{"a", "\\a\""}},
	{"ab\t\u3000x'\x1f,b", []string{"ab", "x'", "b"}},
	{"x'", []string{"x'"}},
	{"\n\u3000\" ", []string{""}},
	{"\u3000 ", nil},
	{"\t ba\n\u3000", []string{"ba"}},
	{"\naa,,", []string{"aa"}},
	{"\n\u3000", nil},
	{",b\"x\u00e9b\u00e9\\", []string{"b\"x\u00e9b\u00e9\\"}},
	{"\"xbx\\x\t \n\x1f", []string{"\"xbx\\x"}},
	{"\"'\t\\\t", []string{"\"'", "\\"}},
	{" \t'\u00e9\"\n\u3000'", []string{"\u00e9\"\n\u3000"}},
	{"x\u00e9b", []string{"x\u00e9b"}},
	{"\u00e9\t\"", []string{"\u00e9", ""}},
	{"\\\t\\\u00e9b'", []string{"\\", "\\\u00e9b'"}},
	{"\u00e9,", []string{"\u00e9"}},
	{"\"\u00e9\"\u3000a\" ", []string{"\u00e9", "a\""}},
	{"x\u00e9a", []string{"x\u00e9a"}},
	{"b\u3000", []string{"b"}},
	{"\x1fa\x1fa\t \t", []string{"a", "a"}},
	{"\x1f", nil},
	{" '\t \u00e9\x1fb ", []string{"", "\u00e9", "b"}},
	{"x'\x1fa,b,\"\u00e9\x1f", []string{"x'", "a", "b", "\"\u00e9"}},
	{"\x1f\nb\n\u00e9a", []string{"b", "\u00e9a"}},
	{"\t\t,\n ", nil},
	{"x\u00e9\x1f\n\u00e9", []string{"x\u00e9", "\u00e9"}},
	{"x\u00e9", []string{"x\u00e9"}},
	{"x, a\"a\\", []string{"x", "a\"a\\"}},
	{"\nx,'\u3000\n \t", []string{"x", "'"}},
	{"\u00e9'\"ax", []string{"\u00e9'\"ax"}},
	{"x\n\u3000\"", []string{"x", ""}},
	{"\t,\u00e9a\n", []string{"\u00e9a"}},
	{",b\u00e9", []string{"b\u00e9"}},
	{"b\u00e9\x1f\x1f\n',\"\x1f", []string{"b\u00e9", "'", "\""}},
	{"a,", []string{"a"}},
	{"\u00e9x'\ta", []string{"\u00e9x'", "a"}},
	{"\u00e9,x\" \u3000\\", []string{"\u00e9", "x\"", "\\"}},
	{"\u00e9\t',\u3000\u3000'", []string{"\u00e9", ",\u3000\u3000"}},
	{"\x1fx ", []string{"x"}},
	{" \tx\u3000'", []string{"x", ""}},
	{"'\"", []string{"'\""}},
	{"\"\\\u3000\u3000\t", []string{"\"\\"}},
	{"\x1f'ax\u3000'\\,a\u00e9", []string{"'ax\u3000'\\", "a\u00e9"}},
	{"a\\\x1fb\u00e9", []string{"a\\", "b\u00e9"}},
	{"\" \nb\u3000\n\x1f\"'\n", []string{" \nb\u3000\n\x1f", ""}},
	{",\x1f,'\\a", []string{"'\\a"}},
	{" b", []string{"b"}},
	{"\u00e9'a',b\"\u3000 \x1f", []string{"\u00e9'a'", "b", ""}},
	{"'\\", []string{"'\\"}},
	{"\n\u00e9\\\\b\\',' ", []string{"\u00e9\\\\b\\'", "'"}},
	{",\x1f\u3000a'", []string{"a'"}},
	{"\\\\a", []string{"\\\\a"}},
	{"'\u00e9\n,\n,\x1f\n\u00e9", []string{"'\u00e9", "\u00e9"}},
	{"b\n\x1f\n", []string{"b"}},
	{"\u3000a\\", []string{"a\\"}},
	{"\n\x1f", nil},
	{"'b\u3000x\u3000\tx\\\x1fb", []string{"'b", "x", "x\\", "b"}},
	{",\n 'b'\t'", []string{"b", ""}},
	{"'\\\x1f", []string{"'\\"}},
	{"\\aaax", []string{"\\aaax"}},
	{"x,", []string{"x"}},
	{"\n'\\", []string{"'\\"}},
	{"\u3000\x1f\n\t\u3000", nil},
	{"\u00e9\"'\n\u00e9\t\x1f\"\\,", []string{"\u00e9\"'\n\u00e9\t\x1f\"\\"}},
	{",a \"", []string{"a", ""}},
	{"\naxbb\t,\t,", []string{"axbb"}},
	{"'b \u3000\"a'a", []string{"'b \u3000\"a'a"}},
	{"\u3000\n\\ a\n\n", []string{"\\", "a"}},
	{"b'", []string{"b'"}},
	{"\n\n\u3000b", []string{"b"}},
	{" \u3000a\u00e9", []string{"a\u00e9"}},
	{"\u00e9 ,", []string{"\u00e9"}},
	{"  b\\\u3000", []string{"b\\"}},
	{",\"", []string{""}},
	{" x\u3000", []string{"x"}},
	{" \"\u00e9", []string{"\"\u00e9"}},
	{"'xb'\n\x1f\x1f", []string{"xb"}},
	{"\u00e9x'", []string{"\u00e9x'"}},
	{"'\n\u00e9\u3000\tx\n\u3000\u3000\t", []string{"", "\u00e9", "x"}},
	{"b\\\t\n\"\u00e9\\x\x1f", []string{"b\\", "\"\u00e9\\x"}},
	{"\x1f\t\x1f", nil},
	{"x\n\n,\n\u00e9\x1f \\", []string{"x", "\u00e9", "\\"}},
	{"'bx\u3000x", []string{"'bx", "x"}},
	{"\tb\u3000\u3000", []string{"b"}},
	{"x\n\\\u00e9 ", []string{"x", "\\\u00e9"}},
	{"'\u3000'x", []string{"'\u3000'x"}},
	{"'x\u00e9", []string{"'x\u00e9"}},
	{"a\u3000'", []string{"a", ""}},
	{"\nx\tb", []string{"x", "b"}},
	{",\x1f\u3000\"\"\x1f\n\t\n\u00e9", []string{"", "\u00e9"}},
	{"\u00e9x", []string{"\u00e9x"}},
	{"a\n'\u00e9\n\"\x1f", []string{"a", "'\u00e9", ""}},
	{"\u3000\" \ta,x,\n", []string{"", "a", "x"}},
	{"\ta\x1f\u00e9\"'\tb", []string{"a", "\u00e9\"'", "b"}},
	{"\"\u00e9\\\t\tb,", []string{"\"\u00e9\\", "b"}},
	{"\t \\\n\u3000\t", []string{"\\"}},
	{"\"\\\x1f,", []string{"\"\\"}},
	{"x\u00e9a\"", []string{"x\u00e9a\""}},
	{"'\u3000\"b,ax\x1f", []string{"", "\"b", "ax"}},
	{"\u00e9\t\x1f\\,\x1fx", []string{"\u00e9", "\\", "x"}},
	{"\u3000\\", []string{"\\"}},
	{"\\\u3000a\t,\n\u00e9", []string{"\\", "a", "\u00e9"}},
	{"aa", []string{"aa"}},
	{" x \"x\u3000, ", []string{"x", "\"x"}},
	{",\nb'x", []string{"b'x"}},
	{"\x1fa\u3000\t\\\x1fb", []string{"a", "\\", "b"}},
	{"\tb\\\u3000\u3000\\x\"", []string{"b\\", "\\x\""}},
	{"\\b", []string{"\\b"}},
	{"\n\t", nil},
	{" \u00e9b", []string{"\u00e9b"}},
	{" \u00e9 ,b\n\t", []string{"\u00e9", "b"}},
	{"'a \"\x1f", []string{"'a", ""}},
	{"\nb\x1f'  \n\t\n ", []string{"b", ""}},
	{"x\\a\x1f\t", []string{"x\\a"}},
	{"\t\nba\\bx\t,", []string{"ba\\bx"}},
	{"b\t\u3000\u3000\x1f\u00e9\t\t", []string{"b", "\u00e9"}},
	{"ab", []string{"ab"}},
	{"\n\n", nil},
	{"\nb\u00e9", []string{"b\u00e9"}},
	{"\x1f \u00e9b\u00e9\\\\\u3000x", []string{"\u00e9b\u00e9\\\\", "x"}},
	{"x\t x", []string{"x", "x"}},
	{"a, ", []string{"a"}},
	{"a,,x,,\u3000", []string{"a", "x"}},
	{"\u3000", nil},
	{"a\n\x1fa  bx", []string{"a", "a", "bx"}},
	{"\n\x1fx\u3000a\"\n\"\x1f'", []string{"x", "a\"\n\"", ""}},
	{"\n \t \txx\\", []string{"xx\\"}},
	{"a\t'\\,\u3000 ba\"", []string{"a", "'\\", "ba\""}},
	{"\u3000 \u3000\n\tx\u3000\u3000", []string{"x"}},
	{"\u3000x", []string{"x"}},
	{"a\t, \"\u00e9\n ", []string{"a", "\"\u00e9"}},
	{"\\\t,a", []string{"\\", "a"}},
	{"\u00e9\" ,x\\\\\"", []string{"\u00e9\"", "x\\\\\""}},
	{"\t\u00e9xx\t", []string{"\u00e9xx"}},
	{"\"\\b\u00e9\\", []string{"\"\\b\u00e9\\"}},
	// END GENERATED searchTermsCases
}

func TestSearchTerms(t *testing.T) {
	assert.GreaterOrEqual(t, len(searchTermsCases), 40)
	for _, tc := range searchTermsCases {
		assert.Equal(t, tc.want, SearchTerms(tc.in), "SearchTerms(%q)", tc.in)
	}
}

// pySpaceClass is the character class of Python's \s for str patterns.
const pySpaceClass = `\t\n\x0b\x0c\r\x1c-\x20\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}`

// smartSplitOracle is Django's smart_split pattern with \s spelled out as
// Python's class. RE2 picks the match a backtracking engine prefers (leftmost,
// then first alternative), so it is an independent reference for the
// hand-written scanner.
var smartSplitOracle = regexp.MustCompile(`((?:[^` + pySpaceClass + `'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^` + pySpaceClass + `'"]*)+)|[^` + pySpaceClass + `]+)`)

// oracleTokens returns the smart_split tokens the oracle finds.
func oracleTokens(s string) []string {
	return smartSplitOracle.FindAllString(s, -1)
}

// scannerTokens returns the smart_split tokens of the hand-written scanner.
func scannerTokens(s string) []string {
	return slices.Collect(smartSplit(s))
}

func TestSmartSplitAgainstOracle(t *testing.T) {
	for _, tc := range searchTermsCases {
		assert.Equal(t, oracleTokens(tc.in), scannerTokens(tc.in), "%q", tc.in)
	}
}

// FuzzSearchTerms checks that SearchTerms never panics, returns valid UTF-8
// for valid UTF-8 input, and tokenizes like the regexp oracle.
func FuzzSearchTerms(f *testing.F) {
	for _, tc := range searchTermsCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		terms := SearchTerms(s)
		if !utf8.ValidString(s) {
			return // ParseValues only produces valid UTF-8
		}
		for _, term := range terms {
			if !utf8.ValidString(term) {
				t.Fatalf("SearchTerms(%q): invalid UTF-8 term %q", s, term)
			}
		}
		want, got := oracleTokens(s), scannerTokens(s)
		if len(want) != len(got) {
			t.Fatalf("tokens of %q: oracle %q, scanner %q", s, want, got)
		}
		for i := range want {
			if want[i] != got[i] {
				t.Fatalf("tokens of %q: oracle %q, scanner %q", s, want, got)
			}
		}
	})
}

// escapedQuotes is a search value of about 32 KiB (a URI's limit) whose quote never closes: a
// quote, then many backslash-escaped quotes, each its own token.
var escapedQuotes = "'" + strings.Repeat(` \'`, 32<<10/3)

func BenchmarkSearchTerms(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"typical", `default-authentication-flow "Welcome to authentik",foo`},
		{"escaped-quotes", escapedQuotes}, // every token's quote fails to close
	} {
		b.Run(bc.name, func(b *testing.B) {
			if got, want := scannerTokens(bc.in), oracleTokens(bc.in); !slices.Equal(got, want) || len(SearchTerms(bc.in)) == 0 {
				b.Fatalf("tokens %.200q; the oracle's %.200q", got, want)
			}
			for b.Loop() {
				SearchTerms(bc.in)
			}
		})
	}
}

// TestSearchTermsUnclosedQuotes: quotes that cannot close, of one kind or both, with escapes and
// newlines that stop a quoted part, tokenize as the regexp oracle does (the tokenizer skips
// scans it knows would fail).
func TestSearchTermsUnclosedQuotes(t *testing.T) {
	for _, s := range []string{
		escapedQuotes[:300],
		`' \' \' "a" \' '`,
		`'a \' " \" ' "`,
		"'a\\\nb' 'c\\\n' \\' 'd'",
		`\'\'\' '\\' 'x`,
		`"\"" '\'' "\\" '\\\'`,
	} {
		assert.Equal(t, oracleTokens(s), scannerTokens(s), "%q", s)
	}
}
