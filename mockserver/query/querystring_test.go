package query

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseValuesCases pairs raw query strings with what Django's QueryDict.get
// returns for each key (decoded as WSGI does), or ErrTooManyFields where it
// raises TooManyFieldsSent.
var parseValuesCases = []struct {
	raw  string
	want Values
	err  error
}{
	// BEGIN GENERATED parseValuesCases (testdata/gen_query_tables.py, Python 3.13.0)
	{"", Values{}, nil},
	{"a=1", Values{"a": "1"}, nil},
	{"a=1&b=2", Values{"a": "1", "b": "2"}, nil},
	{"a=1&a=2", Values{"a": "2"}, nil},
	{"a=1&b=2&a=3", Values{"a": "3", "b": "2"}, nil},
	{"&&", Values{}, nil},
	{"&", Values{}, nil},
	{"=", Values{"": ""}, nil},
	{"=x", Values{"": "x"}, nil},
	{"a", Values{"a": ""}, nil},
	{"a&b=", Values{"a": "", "b": ""}, nil},
	{"a=b=c", Values{"a": "b=c"}, nil},
	{"a==", Values{"a": "="}, nil},
	{"&a=1&&b=2&", Values{"a": "1", "b": "2"}, nil},
	{"a=1;b=2", Values{"a": "1;b=2"}, nil},
	{";", Values{";": ""}, nil},
	{"a+b=c+d", Values{"a b": "c d"}, nil},
	{"a%20b=c%20d", Values{"a b": "c d"}, nil},
	{"+=+", Values{" ": " "}, nil},
	{"%2B=%2b", Values{"+": "+"}, nil},
	{"a=%26%3D", Values{"a": "&="}, nil},
	{"a=%", Values{"a": "%"}, nil},
	{"a=%2", Values{"a": "%2"}, nil},
	{"a=%zz", Values{"a": "%zz"}, nil},
	{"a=%2x", Values{"a": "%2x"}, nil},
	{"a=%%41", Values{"a": "%A"}, nil},
	{"a=%41%42%43", Values{"a": "ABC"}, nil},
	{"a=100%", Values{"a": "100%"}, nil},
	{"%=%", Values{"%": "%"}, nil},
	{"a=%00", Values{"a": "\x00"}, nil},
	{"a=%7F", Values{"a": "\x7f"}, nil},
	{"a=%C3%A9", Values{"a": "\u00e9"}, nil},
	{"a=%c3%a9", Values{"a": "\u00e9"}, nil},
	{"a=%e6%97%a5", Values{"a": "\u65e5"}, nil},
	{"a=%e6%97", Values{"a": "\ufffd"}, nil},
	{"a=%e6%97x", Values{"a": "\ufffdx"}, nil},
	{"a=%e6", Values{"a": "\ufffd"}, nil},
	{"a=%ff%fe", Values{"a": "\ufffd\ufffd"}, nil},
	{"a=%ed%a0%80", Values{"a": "\ufffd\ufffd\ufffd"}, nil},
	{"a=%ed%9f%bf", Values{"a": "\ud7ff"}, nil},
	{"a=%c0%80", Values{"a": "\ufffd\ufffd"}, nil},
	{"a=%c1%bf", Values{"a": "\ufffd\ufffd"}, nil},
	{"a=%e0%80%80", Values{"a": "\ufffd\ufffd\ufffd"}, nil},
	{"a=%e0%a0%80", Values{"a": "\u0800"}, nil},
	{"a=%f0%8f%bf%bf", Values{"a": "\ufffd\ufffd\ufffd\ufffd"}, nil},
	{"a=%f0%90%80%80", Values{"a": "\U00010000"}, nil},
	{"a=%f4%90%80%80", Values{"a": "\ufffd\ufffd\ufffd\ufffd"}, nil},
	{"a=%f4%8f%bf%bf", Values{"a": "\U0010ffff"}, nil},
	{"a=%f5%80%80%80", Values{"a": "\ufffd\ufffd\ufffd\ufffd"}, nil},
	{"a=%f0%9f%98", Values{"a": "\ufffd"}, nil},
	{"a=%f0%9f%98%80", Values{"a": "\U0001f600"}, nil},
	{"a=%80%80", Values{"a": "\ufffd\ufffd"}, nil},
	{"a=%c3", Values{"a": "\ufffd"}, nil},
	{"a=%c3%c3%a9", Values{"a": "\ufffd\u00e9"}, nil},
	{"a=%e6%97%e6%97%a5", Values{"a": "\ufffd\u65e5"}, nil},
	{"a=%e6+%97", Values{"a": "\ufffd \ufffd"}, nil},
	{"a=%e6%20%97", Values{"a": "\ufffd \ufffd"}, nil},
	{"a=\u00e9", Values{"a": "\u00e9"}, nil},
	{"\u00e9=\u65e5", Values{"\u00e9": "\u65e5"}, nil},
	{"a=\u65e5%e6%97", Values{"a": "\u65e5\ufffd"}, nil},
	{"a=%e6\u00e9%97", Values{"a": "\ufffd\u00e9\ufffd"}, nil},
	{"a=\xe9", nil, ErrNotUTF8},
	{"\xe9=\xff", nil, ErrNotUTF8},
	{"a=\xe9&b=\u00e9", nil, ErrNotUTF8},
	{"a=%e9\xe9%e9", nil, ErrNotUTF8},
	{"a=%c3\xa9", nil, ErrNotUTF8},
	{"a=\xc3%a9", nil, ErrNotUTF8},
	{"a=\xed\xa0\x80", nil, ErrNotUTF8},
	{"a=\x80", nil, ErrNotUTF8},
	{"a=%e2%82%ac+\u20ac", Values{"a": "\u20ac \u20ac"}, nil},
	{"a=\x01\x1f", Values{"a": "\x01\x1f"}, nil},
	{"a=x#frag", Values{"a": "x#frag"}, nil},
	{"a=?b", Values{"a": "?b"}, nil},
	{"search=%22a+b%22", Values{"search": "\"a b\""}, nil},
	{"page=%D9%A3", Values{"page": "\u0663"}, nil},
	{"ordering=-name,pk", Values{"ordering": "-name,pk"}, nil},
	{"a=%25", Values{"a": "%"}, nil},
	{"a=%2525", Values{"a": "%25"}, nil},
	{"%61=%62", Values{"a": "b"}, nil},
	{"page_size=", Values{"page_size": ""}, nil},
	{"a=1&&&&a=", Values{"a": ""}, nil},
	{"a=1&a", Values{"a": ""}, nil},
	{"a=+%2B+", Values{"a": " + "}, nil},
	{"a=%e2%80%8b", Values{"a": "\u200b"}, nil},
	{strings.Repeat("a=1&", 999) + "a=2", Values{"a": "2"}, nil},
	{strings.Repeat("a=1&", 1000) + "a=2", nil, ErrTooManyFields},
	{strings.Repeat("&", 999), Values{}, nil},
	{strings.Repeat("&", 1000), nil, ErrTooManyFields},
	{strings.Repeat("x", 5000), Values{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": ""}, nil},
	{"k=" + strings.Repeat("%41", 2000), Values{"k": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, nil},
	{"k=" + strings.Repeat("%e6%97", 40), Values{"k": "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd"}, nil},
	{"  %a0\u00e9%97%ed", Values{"  \ufffd\u00e9\ufffd\ufffd": ""}, nil},
	{"%a0%a5b", Values{"\ufffd\ufffdb": ""}, nil},
	{"%zz%2&", Values{"%zz%2": ""}, nil},
	{" \xff;%a0%ff\u65e5%ed\u65e5a%9fa%ff", nil, ErrNotUTF8},
	{" %2%c3%41%%ff", Values{" %2\ufffdA%\ufffd": ""}, nil},
	{"%c3\xe9+%26%9f=%a9\xff\xe9%00", nil, ErrNotUTF8},
	{"%3D\xffa%a9%ed\u65e5%zz%9f", nil, ErrNotUTF8},
	{"\xe9%b%a5b", nil, ErrNotUTF8},
	{"%a0%a9%c3%zz %80\u00e9 %e6%a9%41%e6", Values{"\ufffd\ufffd\ufffd%zz \ufffd\u00e9 \ufffdA\ufffd": ""}, nil},
	{"%zz;%2%a5", Values{"%zz;%2\ufffd": ""}, nil},
	{"%c3%c3%00ba", Values{"\ufffd\ufffd\x00ba": ""}, nil},
	{";\xe9%;%zz%26%zz\u00e9;", nil, ErrNotUTF8},
	{"a%%a5%80%41%ff\xe9 +%zz", nil, ErrNotUTF8},
	{"%9f%80", Values{"\ufffd\ufffd": ""}, nil},
	{";;\u00e9%41%a5%a9", Values{";;\u00e9A\ufffd\ufffd": ""}, nil},
	{"\u65e5%c3%41&%00\xff%00%a5+%a5=;", nil, ErrNotUTF8},
	{"=%9f\u65e5", Values{"": "\ufffd\u65e5"}, nil},
	{"%a0%zz=%a0a+\xe9%c3", nil, ErrNotUTF8},
	{" a", Values{" a": ""}, nil},
	{"%3D%zz\u00e9\u65e5%zz\u00e9&", Values{"=%zz\u00e9\u65e5%zz\u00e9": ""}, nil},
	{"%a0b%26%9f%a5", Values{"\ufffdb&\ufffd\ufffd": ""}, nil},
	{"%c3%a9=a%f0 %80%c3\xff\xe9", nil, ErrNotUTF8},
	{"=%f0%80%a0%97\xff%e6;", nil, ErrNotUTF8},
	{"%c3%ed %80%zz+\xe9\u00e9%97", nil, ErrNotUTF8},
	{"\xff", nil, ErrNotUTF8},
	{"%97;", Values{"\ufffd;": ""}, nil},
	{";\xe9 ;b%80%26%00%a9%9f%zz%ff", nil, ErrNotUTF8},
	{"%26%e6", Values{"&\ufffd": ""}, nil},
	{"%a9%80\xe9%ff&%a9", nil, ErrNotUTF8},
	{"%zz\xe9\xe9+\u65e5 %edb\xe9%97%41%80", nil, ErrNotUTF8},
	{"%a5", Values{"\ufffd": ""}, nil},
	{"%c3+", Values{"\ufffd ": ""}, nil},
	{"%2;=\xff%3D\xe9%80\xff\xff", nil, ErrNotUTF8},
	{"%zz%c3&+", Values{"%zz\ufffd": "", " ": ""}, nil},
	{"=%ffb%80b%a9&%3D%a5", Values{"": "\ufffdb\ufffdb\ufffd", "=\ufffd": ""}, nil},
	{"%zz\u65e5%26%a9a%f0%c3+=a%80", Values{"%zz\u65e5&\ufffda\ufffd\ufffd ": "a\ufffd"}, nil},
	{"%26%ff+%%26a\u00e9b%80%c3 %a0", Values{"&\ufffd %&a\u00e9b\ufffd\ufffd \ufffd": ""}, nil},
	{"\u65e5+a", Values{"\u65e5 a": ""}, nil},
	{"b\u65e5=\xff%97&", nil, ErrNotUTF8},
	{"a\u00e9aa%2&%2%80", Values{"a\u00e9aa%2": "", "%2\ufffd": ""}, nil},
	{"%80%c3%26a%9f%00+%f0%zz%f0%c3", Values{"\ufffd\ufffd&a\ufffd\x00 \ufffd%zz\ufffd\ufffd": ""}, nil},
	{"%9f+%a9b\u65e5%e6", Values{"\ufffd \ufffdb\u65e5\ufffd": ""}, nil},
	{"%00%zz ", Values{"\x00%zz ": ""}, nil},
	{"%80%41", Values{"\ufffdA": ""}, nil},
	{"%26", Values{"&": ""}, nil},
	{"%97\xff%80%a5\xe9%", nil, ErrNotUTF8},
	{"%e6%e6%e6 ", Values{"\ufffd\ufffd\ufffd ": ""}, nil},
	{"%a0%80a%41", Values{"\ufffd\ufffdaA": ""}, nil},
	{"ab%zz%2%a5%e6%00a%%97+%26", Values{"ab%zz%2\ufffd\ufffd\x00a%\ufffd &": ""}, nil},
	{"\u00e9%2%80\u65e5%a0%a5", Values{"\u00e9%2\ufffd\u65e5\ufffd\ufffd": ""}, nil},
	{"%ff%zz %e6\xe9%41%zz%41", nil, ErrNotUTF8},
	{"&%\xff%a9", nil, ErrNotUTF8},
	{"=&b%c3%a9%26%f0", Values{"": "", "b\u00e9&\ufffd": ""}, nil},
	{"\u65e5", Values{"\u65e5": ""}, nil},
	{" \u00e9%00=%ed%26+%97%a0", Values{" \u00e9\x00": "\ufffd& \ufffd\ufffd"}, nil},
	{"%f0%ed%f0%a0%zz%9f;", Values{"\ufffd\ufffd\ufffd%zz\ufffd;": ""}, nil},
	{"%zz%ed%41", Values{"%zz\ufffdA": ""}, nil},
	{"%ff\u00e9%\u00e9%97%a9;=\xff%97%a9%ed", nil, ErrNotUTF8},
	{"+a%e6", Values{" a\ufffd": ""}, nil},
	{"%a5=%26%41&\xff%e6+%2%00%c3\xff", nil, ErrNotUTF8},
	{"&%97%2%a0aa", Values{"\ufffd%2\ufffdaa": ""}, nil},
	{"%a9;a;%ff%97", Values{"\ufffd;a;\ufffd\ufffd": ""}, nil},
	{"\xff%ed%zz%%e6\u65e5%26%2%zz\u65e5%41%ff", nil, ErrNotUTF8},
	{"%\xe9%eda%41 ", nil, ErrNotUTF8},
	{"%3Da%e6%41%zz%ffa%c3%9f;%ed%00", Values{"=a\ufffdA%zz\ufffda\u00df;\ufffd\x00": ""}, nil},
	{"%00%2%9f%ed;&%00", Values{"\x00%2\ufffd\ufffd;": "", "\x00": ""}, nil},
	{"\u65e5\xff\xe9\u65e5%00", nil, ErrNotUTF8},
	{"a%zz%e6%zz;b%9f%a0%a5=\xe9", nil, ErrNotUTF8},
	{"&%9f%zz%ed%zz%a9%00%c3a", Values{"\ufffd%zz\ufffd%zz\ufffd\x00\ufffda": ""}, nil},
	{"\xe9\u00e9%a0\u65e5%97%97=%e6", nil, ErrNotUTF8},
	{"%e6%c3\u65e5", Values{"\ufffd\ufffd\u65e5": ""}, nil},
	{"\xe9%f0%a0%ed%c3a&%97%e6;%2", nil, ErrNotUTF8},
	{"\xe9;\u00e9\u00e9%00%97&%3D", nil, ErrNotUTF8},
	{"%41b%3D%zz;", Values{"Ab=%zz;": ""}, nil},
	{"%3D%f0%c3%3D%2%a0 +%3D&", Values{"=\ufffd\ufffd=%2\ufffd  =": ""}, nil},
	{"%zz%00%9f ", Values{"%zz\x00\ufffd ": ""}, nil},
	{"%ff%a5%00%26%e6%a5%97%26\xe9", nil, ErrNotUTF8},
	{"%26%2=%f0%a0ba\u65e5", Values{"&%2": "\ufffdba\u65e5"}, nil},
	{"%c3%26+\xe9%a5%00\u65e5\u00e9%zz\u65e5", nil, ErrNotUTF8},
	{"=a%80%26;%ff%ed%26", Values{"": "a\ufffd&;\ufffd\ufffd&"}, nil},
	{"%a0%%80", Values{"\ufffd%\ufffd": ""}, nil},
	{"+%2%a9%e6%c3=%80b%a9%e6", Values{" %2\ufffd\ufffd\ufffd": "\ufffdb\ufffd\ufffd"}, nil},
	{"%26 a%f0%9f%80", Values{"& a\ufffd": ""}, nil},
	{"=%2+%80&", Values{"": "%2 \ufffd"}, nil},
	{" \u00e9%e6%ed%f0%a9+", Values{" \u00e9\ufffd\ufffd\ufffd ": ""}, nil},
	{"%26%a0%ff%ed", Values{"&\ufffd\ufffd\ufffd": ""}, nil},
	{"%ed", Values{"\ufffd": ""}, nil},
	{"\xe9&%a5\xe9\u00e9", nil, ErrNotUTF8},
	{"%e6%97\u00e9", Values{"\ufffd\u00e9": ""}, nil},
	{"%%%3D%a9%80\u00e9%f0%f0\xe9%zz%f0", nil, ErrNotUTF8},
	{";\u00e9%f0=\u00e9%97%ff%00a%%a5%26", Values{";\u00e9\ufffd": "\u00e9\ufffd\ufffd\x00a%\ufffd&"}, nil},
	{"\xe9%a5\u00e9\u00e9;%a5%26%a5\xff", nil, ErrNotUTF8},
	{";&=%41%ff%f0%80%9f", Values{";": "", "": "A\ufffd\ufffd\ufffd\ufffd"}, nil},
	{"&%ed%41%3D\u00e9%26%41%ff&", Values{"\ufffdA=\u00e9&A\ufffd": ""}, nil},
	{"%a0%ed+%3D\u65e5&%", Values{"\ufffd\ufffd =\u65e5": "", "%": ""}, nil},
	{"%26%80&%ed%97%edb %a0%41+\xe9", nil, ErrNotUTF8},
	{" ", Values{" ": ""}, nil},
	{"%a0", Values{"\ufffd": ""}, nil},
	{"%e6%f0", Values{"\ufffd\ufffd": ""}, nil},
	{"+=%2%zz%zz\u00e9%2\xff\u65e5%80", nil, ErrNotUTF8},
	{"%3D%00%eda%00%2+b%e6%26=", Values{"=\x00\ufffda\x00%2 b\ufffd&": ""}, nil},
	{"%00%ed\xe9+\xe9%9f", nil, ErrNotUTF8},
	{"\xff%a0", nil, ErrNotUTF8},
	{"+%00%80%ff\xff%ed%a0", nil, ErrNotUTF8},
	{"%2%97%97%80b+%3D \xff%ed", nil, ErrNotUTF8},
	{"%zz%a5%ff%f0 %a5 %26%00%zz", Values{"%zz\ufffd\ufffd\ufffd \ufffd &\x00%zz": ""}, nil},
	{"%80;\u00e9", Values{"\ufffd;\u00e9": ""}, nil},
	{"%9f&%%41%00", Values{"\ufffd": "", "%A\x00": ""}, nil},
	{"%a5%a9", Values{"\ufffd\ufffd": ""}, nil},
	{"%00%c3%80%41%a0", Values{"\x00\u00c0A\ufffd": ""}, nil},
	{"%e6%3D%a0", Values{"\ufffd=\ufffd": ""}, nil},
	{"b%a5\u00e9ba=%a5%a5", Values{"b\ufffd\u00e9ba": "\ufffd\ufffd"}, nil},
	{"\xe9%%97+b", nil, ErrNotUTF8},
	{"%41%eda%3D%3D", Values{"A\ufffda==": ""}, nil},
	{"%ff%a9%9f%80", Values{"\ufffd\ufffd\ufffd\ufffd": ""}, nil},
	{"\u00e9%zz%ff%00 %\xff%e6b%41", nil, ErrNotUTF8},
	{"%ff%f0%c3\xe9%2%a5b\xe9 ", nil, ErrNotUTF8},
	{"%41;a%80&%41 %80", Values{"A;a\ufffd": "", "A \ufffd": ""}, nil},
	{";%97&%ed%a0\u65e5%2\xff%41", nil, ErrNotUTF8},
	{"\xe9\xff%00%80%a9\xe9%9f%00\u00e9%ed&%a0", nil, ErrNotUTF8},
	{"%2%97=%26&\xe9=%a0", nil, ErrNotUTF8},
	{"%f0%41%41&%zz%a9%2;%c3%f0\xe9%c3", nil, ErrNotUTF8},
	{"%ed%zz;%c3+%00&+", Values{"\ufffd%zz;\ufffd \x00": "", " ": ""}, nil},
	{"+ %a9%3D&+%zz", Values{"  \ufffd=": "", " %zz": ""}, nil},
	{"%c3%2+%80", Values{"\ufffd%2 \ufffd": ""}, nil},
	{"%a9\xe9%%41%26%9f%a5%ed%00%c3b", nil, ErrNotUTF8},
	{"%a0%c3", Values{"\ufffd\ufffd": ""}, nil},
	{"%\xe9%80%a9+a%c3", nil, ErrNotUTF8},
	{"%%ff%3Da%ff", Values{"%\ufffd=a\ufffd": ""}, nil},
	{"%%zz%80", Values{"%%zz\ufffd": ""}, nil},
	{"b%00", Values{"b\x00": ""}, nil},
	{"%ed+&%3D\u00e9%41%%", Values{"\ufffd ": "", "=\u00e9A%%": ""}, nil},
	{"%a0+%zz\u65e5\u00e9\xff%ff\xff+%41%f0", nil, ErrNotUTF8},
	{"a\xe9", nil, ErrNotUTF8},
	{"%2\u65e5%a9%9f&%zz%26+b=%2", Values{"%2\u65e5\ufffd\ufffd": "", "%zz& b": "%2"}, nil},
	{"%2%26", Values{"%2&": ""}, nil},
	{"%3Da%41%2\u65e5%ed&a%a0%26", Values{"=aA%2\u65e5\ufffd": "", "a\ufffd&": ""}, nil},
	{"%%a0%a5  %a5", Values{"%\ufffd\ufffd  \ufffd": ""}, nil},
	{"%a %9f%97%a0%e6%f0%00\u65e5%2", Values{"%a \ufffd\ufffd\ufffd\ufffd\ufffd\x00\u65e5%2": ""}, nil},
	{"%a0%2\xe9%ff%a0;\u00e9 =%97", nil, ErrNotUTF8},
	{"%26 %c3%9f%3D\u65e5\xe9%26", nil, ErrNotUTF8},
	{"; \xe9%97\u65e5%80%a9a%00&", nil, ErrNotUTF8},
	{"%a0%00%ff\xe9%a9%3D%a9\xe9a\u00e9", nil, ErrNotUTF8},
	{"%zz", Values{"%zz": ""}, nil},
	{"%00%2%a9%c3=%80", Values{"\x00%2\ufffd\ufffd": "\ufffd"}, nil},
	{"%%a9+\u00e9%2%2=%zz\xff", nil, ErrNotUTF8},
	{"%a5%e6%2%f0%3D%ff", Values{"\ufffd\ufffd%2\ufffd=\ufffd": ""}, nil},
	{"%ff%a0%a0\u00e9a", Values{"\ufffd\ufffd\ufffd\u00e9a": ""}, nil},
	{"&\u00e9\xe9%00", nil, ErrNotUTF8},
	{"%97+", Values{"\ufffd ": ""}, nil},
	{" =%a9&\u00e9%zzb%f0%9fb", Values{" ": "\ufffd", "\u00e9%zzb\ufffdb": ""}, nil},
	{"%a5\xe9 %2%f0\xff%41\xe9%9f%9f %", nil, ErrNotUTF8},
	{"%ed%zz%2%00%ff%9f%3D%00", Values{"\ufffd%zz%2\x00\ufffd\ufffd=\x00": ""}, nil},
	{"=+\u00e9%f0%2\xe9\xff%a0%f0%a0", nil, ErrNotUTF8},
	{"%a9\u65e5=%%80", Values{"\ufffd\u65e5": "%\ufffd"}, nil},
	{"%zz%3D%80%e6%a5", Values{"%zz=\ufffd\ufffd": ""}, nil},
	{"=;%41%97=%a5%;%00%c3%\xe9", nil, ErrNotUTF8},
	{"%80 +%e6", Values{"\ufffd  \ufffd": ""}, nil},
	{"\u00e9\xe9%3D%ed%bb%%2%a0%a5%80", nil, ErrNotUTF8},
	{"\xe9%a5%%9f%f0%a5%a5", nil, ErrNotUTF8},
	{"%%ed%a5%9f", Values{"%\ufffd\ufffd\ufffd": ""}, nil},
	{"%e6%zz%80=%a5+ ;+", Values{"\ufffd%zz\ufffd": "\ufffd  ; "}, nil},
	{"%2%f0%a9%a5%26 % %9f%26+", Values{"%2\ufffd& % \ufffd& ": ""}, nil},
	{"\xe9%e6%e6%c3%a0 ", nil, ErrNotUTF8},
	{"%edb", Values{"\ufffdb": ""}, nil},
	{"=%eda%e6%e6&%a9\u00e9%80%ed%", Values{"": "\ufffda\ufffd\ufffd", "\ufffd\u00e9\ufffd\ufffd%": ""}, nil},
	{"%ed%ff", Values{"\ufffd\ufffd": ""}, nil},
	{"a%zz %9f%41\u65e5\u65e5%3D&", Values{"a%zz \ufffdA\u65e5\u65e5=": ""}, nil},
	{"b%f0%97%2%f0%41%26%c3%2%%%zz", Values{"b\ufffd%2\ufffdA&\ufffd%2%%%zz": ""}, nil},
	{"%ed%41%f0%%9f", Values{"\ufffdA\ufffd%\ufffd": ""}, nil},
	{"%a5%3D%a5%c3", Values{"\ufffd=\ufffd\ufffd": ""}, nil},
	{"%97", Values{"\ufffd": ""}, nil},
	{"%\xff", nil, ErrNotUTF8},
	{"ab+%%26%c3b %2ab", Values{"ab %&\ufffdb *b": ""}, nil},
	{" %a0\xe9%97%9f%ed%e6%", nil, ErrNotUTF8},
	{"%80;%%ed&a\xe9%\u65e5%f0\xe9%c3", nil, ErrNotUTF8},
	{";%2", Values{";%2": ""}, nil},
	{"%80%3D\xe9=%00%41a%a9%", nil, ErrNotUTF8},
	{";b%ed%a5\xff%26%ff%00\xe9%ff=", nil, ErrNotUTF8},
	{"%41%zz%a0%a9%9f%00%9f%f0%41%3Da%a5", Values{"A%zz\ufffd\ufffd\ufffd\x00\ufffd\ufffdA=a\ufffd": ""}, nil},
	{"\xe9%3D=\u00e9%00%a5=%zz%e6\xe9", nil, ErrNotUTF8},
	{"%a5 \u00e9", Values{"\ufffd \u00e9": ""}, nil},
	{"+%f0 %%80%zz%ff%9f", Values{" \ufffd %\ufffd%zz\ufffd\ufffd": ""}, nil},
	{"%c3\xff%3D%ff%e6%2%80%00%3D%80%a9", nil, ErrNotUTF8},
	{"%97%a0%e6%9fb%c3+", Values{"\ufffd\ufffd\ufffdb\ufffd ": ""}, nil},
	{"%a9%41", Values{"\ufffdA": ""}, nil},
	{"%2%c3%ed%c3\xe9%c3a%zz%a5%00", nil, ErrNotUTF8},
	{"%e6%2=%ffbb+%00", Values{"\ufffd%2": "\ufffdbb \x00"}, nil},
	{"%26%", Values{"&%": ""}, nil},
	{"\xff%c3%9f\xff\u00e9%c3%e6\xe9%c3%80a", nil, ErrNotUTF8},
	{"b%9f%f0%80%41%%3D%3D+%ed%c3%00", Values{"b\ufffd\ufffd\ufffdA%== \ufffd\ufffd\x00": ""}, nil},
	{";&\u00e9%41%2%ff%a0%41%zz\u00e9", Values{";": "", "\u00e9A%2\ufffd\ufffdA%zz\u00e9": ""}, nil},
	{"%zz%97%3D%80\u65e5 %c3", Values{"%zz\ufffd=\ufffd\u65e5 \ufffd": ""}, nil},
	{"=%26%c3\u00e9%3D&%2\xe9&", nil, ErrNotUTF8},
	{"%+%a5%97b%9f%c3%zz%97", Values{"% \ufffd\ufffdb\ufffd\ufffd%zz\ufffd": ""}, nil},
	{"%a9%2a%00=", Values{"\ufffd*\x00": ""}, nil},
	{"\xff%26%3D", nil, ErrNotUTF8},
	{"b++%a0%%2;\u00e9%zz", Values{"b  \ufffd%%2;\u00e9%zz": ""}, nil},
	{"%00\xff%ffa%f0%80=%zz\xe9", nil, ErrNotUTF8},
	{"%a%\u65e5", Values{"%a%\u65e5": ""}, nil},
	// END GENERATED parseValuesCases
}

func TestParseValues(t *testing.T) {
	assert.GreaterOrEqual(t, len(parseValuesCases), 40)
	for _, tc := range parseValuesCases {
		name := tc.raw
		if len(name) > 60 {
			name = name[:60] + "..."
		}
		got, err := ParseValues(tc.raw)
		if tc.err != nil {
			assert.ErrorIs(t, err, tc.err, "ParseValues(%q)", name)
			assert.Nil(t, got, "ParseValues(%q)", name)
			continue
		}
		require.NoError(t, err, "ParseValues(%q)", name)
		assert.Equal(t, tc.want, got, "ParseValues(%q)", name)
	}
}

func TestParseValuesEmptyIsNotNil(t *testing.T) {
	v, err := ParseValues("")
	require.NoError(t, err)
	require.NotNil(t, v)
	v["a"] = "b" // callers may add defaults
}

func TestParseValuesFieldLimit(t *testing.T) {
	tests := []struct {
		raw string
		err error
	}{
		{strings.Repeat("&", MaxNumberFields-1), nil},
		{strings.Repeat("&", MaxNumberFields), ErrTooManyFields},
		{strings.Repeat("a&", MaxNumberFields-1) + "a", nil},
		{strings.Repeat("a&", MaxNumberFields), ErrTooManyFields},
		{"\xff" + strings.Repeat("&", MaxNumberFields), ErrNotUTF8}, // ASGIRequest decodes before QueryDict counts
	}
	for _, tc := range tests {
		_, err := ParseValues(tc.raw)
		assert.ErrorIs(t, err, tc.err, "len %d", len(tc.raw))
		if tc.err == nil {
			assert.NoError(t, err)
		}
	}
}

func TestAppendDecodeReplace(t *testing.T) {
	// Expected values from Python: bytes.decode("utf-8", "replace").
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"\xe6\x97\xa5", "\u65e5"},
		{"\xe6\x97x", "\ufffdx"},
		{"\xe6\x97", "\ufffd"},
		{"\xff\xfe", "\ufffd\ufffd"},
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"\xf0\x9f\x98", "\ufffd"},
		{"\xf0\x9f\x98\x80", "\U0001f600"},
		{"\xf4\x90\x80\x80", "\ufffd\ufffd\ufffd\ufffd"},
		{"\xc0\xaf", "\ufffd\ufffd"},
		{"\xe0\x9f\x80", "\ufffd\ufffd\ufffd"},
		{"\xe1\x80\xe1\x80\x80", "\ufffd\u1000"},
		{"\x80\xbf", "\ufffd\ufffd"},
		{"\xc3\xa9\xc3", "\u00e9\ufffd"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, string(appendDecodeReplace(nil, []byte(tc.in))), "%q", tc.in)
	}
}

// FuzzParseValues checks that ParseValues never panics, refuses exactly the
// query strings that are not UTF-8, that every key and value it returns is
// valid UTF-8, and that the field limit is applied.
func FuzzParseValues(f *testing.F) {
	for _, tc := range parseValuesCases {
		if len(tc.raw) < 200 {
			f.Add(tc.raw)
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := ParseValues(raw)
		if !utf8.ValidString(raw) {
			if err != ErrNotUTF8 {
				t.Fatalf("ParseValues(%q): want ErrNotUTF8, got %v", raw, err)
			}
			return
		}
		if raw != "" && strings.Count(raw, "&") >= MaxNumberFields {
			if err != ErrTooManyFields {
				t.Fatalf("want ErrTooManyFields, got %v", err)
			}
			return
		}
		if err != nil || v == nil {
			t.Fatalf("ParseValues(%q) = %v, %v", raw, v, err)
		}
		if len(v) > strings.Count(raw, "&")+1 {
			t.Fatalf("%d keys from %d pieces", len(v), strings.Count(raw, "&")+1)
		}
		for k, val := range v {
			if !utf8.ValidString(k) || !utf8.ValidString(val) {
				t.Fatalf("ParseValues(%q): invalid UTF-8 in %q=%q", raw, k, val)
			}
		}
	})
}

func BenchmarkParseValues(b *testing.B) {
	const raw = "page=2&page_size=20&ordering=-name&search=%22foo+bar%22&superuser_full_list=true"
	for i := 0; i < b.N; i++ {
		if _, err := ParseValues(raw); err != nil {
			b.Fatal(err)
		}
	}
}
