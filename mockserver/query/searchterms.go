package query

import (
	"iter"
	"strings"
	"unicode/utf8"
)

// SearchTerms splits a search parameter as DRF 3.16's SearchFilter does
// (search_smart_split).
//
// The value is first cut into tokens as Django's smart_split does: tokens are
// separated by whitespace (Python's \s, see PyIsSpace), except inside quoted
// parts, where a backslash escapes the next character (but not a newline). A
// token is a run of non-whitespace, non-quote characters followed by one or
// more complete quoted parts, each followed by such a run; when no complete
// quoted part can be formed (an unterminated quote) the token is simply the
// run of non-whitespace characters. Each token then loses its leading and
// trailing commas; if it starts with a quote character and ends with the same
// character, the term is the text between them with \<quote> and then \\
// unescaped (a lone quote gives the empty term); otherwise the token is split
// on ',' and every non-empty piece is added after PyStrip.
//
// It returns nil when there are no terms. Terms may be empty strings, e.g.
// for the input `'`.
func SearchTerms(s string) []string {
	var terms []string
	for token := range smartSplit(s) {
		terms = appendSearchTerms(terms, token)
	}
	return terms
}

// smartSplit yields the smart_split tokens of s, left to right (see [SearchTerms]).
func smartSplit(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		tokens := tokenizer{s: s}
		for i := 0; i < len(s); {
			r, size := decodeRune(s, i)
			if PyIsSpace(r) {
				i += size
				continue
			}
			end := tokens.end(i)
			if !yield(s[i:end]) {
				return
			}
			i = end
		}
	}
}

// tokenizer finds smart_split tokens in s, left to right. It remembers, for
// each quote character, where the last quoted part of that character that
// could not close stopped: a later quoted part of the same character that
// opens before that point cannot close either, because right after its opening
// quote its scan falls in step with the failed one (that quote was, in the
// failed scan, a character of its own or one a backslash escaped). Without
// this, input such as ' \' \' \' … would rescan the rest of the string for
// every token.
type tokenizer struct {
	s        string
	unclosed [2]int // by quote (see quoteIndex): quoted parts opening before it cannot close
}

// quoteIndex numbers the two quote characters.
func quoteIndex(quote byte) int {
	if quote == '"' {
		return 0
	}
	return 1
}

// decodeRune decodes the rune at s[i:], quickly for ASCII. An invalid byte
// yields utf8.RuneError with size 1, which is neither whitespace nor a quote.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// end returns the end of the smart_split token starting at the non-whitespace
// position i, which is past the previous token. It follows the match Python's
// re would find for Django's pattern: first the alternative
//
//	bare* (quoted bare*)+
//
// where bare is a character that is neither whitespace nor a quote, and only
// if that cannot match, a plain run of non-whitespace characters.
func (t *tokenizer) end(i int) int {
	s := t.s
	j := skipBare(s, i)
	if q, ok := t.quotedEnd(j); ok {
		for {
			j = skipBare(s, q)
			next, ok := t.quotedEnd(j)
			if !ok {
				return j
			}
			q = next
		}
	}
	for j = i; j < len(s); {
		r, size := decodeRune(s, j)
		if PyIsSpace(r) {
			break
		}
		j += size
	}
	return j
}

// skipBare skips characters that are neither whitespace nor quotes.
func skipBare(s string, i int) int {
	for i < len(s) {
		r, size := decodeRune(s, i)
		if r == '"' || r == '\'' || PyIsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// quotedEnd reports whether a complete quoted part starts at s[i] and where it
// ends. Inside it any character but the quote and the backslash stands for
// itself, and a backslash takes the next character with it unless that is a
// newline (Python's '.' does not match "\n") or the end of the string.
func (t *tokenizer) quotedEnd(i int) (int, bool) {
	s := t.s
	if i >= len(s) || (s[i] != '"' && s[i] != '\'') {
		return 0, false
	}
	quote := s[i]
	unclosed := &t.unclosed[quoteIndex(quote)]
	if i < *unclosed {
		return 0, false
	}
	for j := i + 1; j < len(s); {
		switch c := s[j]; c {
		case quote:
			return j + 1, true
		case '\\':
			if j+1 >= len(s) || s[j+1] == '\n' {
				*unclosed = j
				return 0, false
			}
			_, size := decodeRune(s, j+1)
			j += 1 + size
		default:
			_, size := decodeRune(s, j)
			j += size
		}
	}
	*unclosed = len(s)
	return 0, false
}

// appendSearchTerms adds the terms DRF's search_smart_split makes of one
// smart_split token.
func appendSearchTerms(terms []string, token string) []string {
	token = strings.Trim(token, ",")
	if token != "" && (token[0] == '"' || token[0] == '\'') && token[len(token)-1] == token[0] {
		return append(terms, unescapeStringLiteral(token))
	}
	for token != "" {
		var sub string
		if i := strings.IndexByte(token, ','); i >= 0 {
			sub, token = token[:i], token[i+1:]
		} else {
			sub, token = token, ""
		}
		if sub != "" {
			terms = append(terms, PyStrip(sub))
		}
	}
	return terms
}

// unescapeStringLiteral is Django's unescape_string_literal for a string
// known to start and end with the same quote character: the text between
// the quotes (empty for a lone quote) with \<quote> replaced by <quote> and
// then \\ by \.
func unescapeStringLiteral(s string) string {
	if len(s) < 2 {
		return ""
	}
	quote := s[:1]
	inner := s[1 : len(s)-1]
	if strings.IndexByte(inner, '\\') < 0 {
		return inner
	}
	inner = strings.ReplaceAll(inner, `\`+quote, quote)
	return strings.ReplaceAll(inner, `\\`, `\`)
}
