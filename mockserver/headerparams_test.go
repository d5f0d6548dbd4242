package mockserver

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"akmock/mockserver/query"
)

// splitParamsQuadratic is Django's _parseparam as akmock first wrote it, counting the quotes
// of the whole piece again at each ';': the reference for splitParams.
func splitParamsQuadratic(ct string) []string {
	var out []string
	s := ";" + ct
	for strings.HasPrefix(s, ";") {
		s = s[1:]
		end := strings.IndexByte(s, ';')
		for end > 0 && (strings.Count(s[:end], `"`)-strings.Count(s[:end], `\"`))%2 == 1 {
			next := strings.IndexByte(s[end+1:], ';')
			if next < 0 {
				end = -1
				break
			}
			end += 1 + next
		}
		if end < 0 {
			end = len(s)
		}
		out = append(out, query.PyStrip(s[:end]))
		s = s[end:]
	}
	return out
}

// acceptedMediaTypeSimple is acceptedMediaType as first written (each entry parsed at each
// precedence, parameters searched one by one, the answer built with +=).
func acceptedMediaTypeSimple(accept string) (string, bool) {
	parse := func(entry string) mediaType {
		pieces := splitParamsQuadratic(entry)
		var mt mediaType
		mt.main, mt.sub, _ = strings.Cut(strings.ToLower(pieces[0]), "/")
		for _, p := range pieces[1:] {
			name, value, ok := strings.Cut(p, "=")
			if !ok {
				continue
			}
			name = strings.TrimSuffix(strings.ToLower(query.PyStrip(name)), "*")
			value = query.PyStrip(value)
			if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
				value = strings.ReplaceAll(strings.ReplaceAll(value[1:len(value)-1], `\\`, `\`), `\"`, `"`)
			}
			i := slices.IndexFunc(mt.params, func(kv [2]string) bool { return kv[0] == name })
			if i < 0 {
				mt.params = append(mt.params, [2]string{name, value})
			} else {
				mt.params[i][1] = value
			}
		}
		return mt
	}
	entries := strings.Split(accept, ",")
	for precedence := 3; precedence >= 0; precedence-- {
		for _, entry := range entries {
			entry = query.PyStrip(entry)
			mt := parse(entry)
			if mt.precedence() != precedence || !mt.admitsJSON() {
				continue
			}
			if precedence >= 2 {
				return entry, true
			}
			accepted := "application/json"
			for _, p := range mt.params {
				accepted += ";" + p[0] + "=" + p[1]
			}
			return accepted, true
		}
	}
	return "", false
}

// TestHeaderParamsAsBefore: splitParams and acceptedMediaType give what the first versions gave,
// on random headers made of the characters that matter to them.
func TestHeaderParamsAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	parts := []string{";", ";", ",", `"`, `\`, `\"`, "=", " ", "a", "q", "q=0.5", "x=1", "X=2", "*", "/",
		"application/json", "*/*", "application/*", "text/html", "charset", "*=", "b=\"c;d\""}
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		n := r.IntN(40)
		if i%4 == 0 {
			n += 200 // more parameters than parseMediaType searches one by one
		}
		for ; n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		h := b.String()
		if got, want := splitParams(h), splitParamsQuadratic(h); !slices.Equal(got, want) {
			t.Fatalf("splitParams(%q) = %q; want %q", h, got, want)
		}
		got, gotOK := acceptedMediaType(h)
		want, wantOK := acceptedMediaTypeSimple(h)
		if got != want || gotOK != wantOK {
			t.Fatalf("acceptedMediaType(%q) = %q, %v; want %q, %v", h, got, gotOK, want, wantOK)
		}
	}
}

// hostileHeaders are 64 KiB header values (the server's MaxHeaderBytes) that once took a
// quadratic time, 140-380 ms each (BenchmarkHostileHeaders: about 1 ms now): quoted ';' (splitParams), thousands of distinct parameters (parseMediaType),
// and the answer built from them for "*/*" (acceptedMediaType).
func hostileHeaders() map[string]string {
	params := func(prefix string) string {
		var b strings.Builder
		b.WriteString(prefix)
		for i := 0; b.Len() < 64<<10; i++ {
			fmt.Fprintf(&b, ";p%d=1", i)
		}
		return b.String()
	}
	return map[string]string{
		"quoted semicolons":   `text/plain;a="` + strings.Repeat(";", 64<<10),
		"distinct parameters": params("text/plain"),
		"star parameters":     params("*/*"),
	}
}

func BenchmarkHostileHeaders(b *testing.B) {
	for name, h := range hostileHeaders() {
		b.Run(name, func(b *testing.B) {
			got, gotOK := acceptedMediaType(h)
			if want, wantOK := acceptedMediaTypeSimple(h); got != want || gotOK != wantOK {
				b.Fatalf("acceptedMediaType = %.80q, %v; want %.80q, %v", got, gotOK, want, wantOK)
			}
			for b.Loop() {
				acceptedMediaType(h)
				contentTypeCharset(h)
			}
		})
	}
}
