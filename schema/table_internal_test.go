package schema

import (
	"encoding/json"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemaKeywords are the keywords the embedded schemas may use. Anything else
// is most likely a typo (JSON Schema ignores unknown keywords silently).
var schemaKeywords = map[string]bool{
	"$schema": true, "$comment": true, "$ref": true, "$defs": true,
	"title": true, "description": true,
	"type": true, "enum": true, "const": true, "format": true, "pattern": true,
	"maxLength": true, "minimum": true, "maximum": true, "minItems": true, "maxItems": true,
	"properties": true, "required": true, "additionalProperties": true,
	"items": true, "allOf": true, "not": true,
}

// embeddedDocs parses every embedded schema file, keyed by its path relative
// to json/.
func embeddedDocs(t *testing.T) map[string]any {
	t.Helper()
	docs := make(map[string]any)
	err := fs.WalkDir(files, "json", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		require.NoError(t, err)
		var doc any
		require.NoError(t, json.Unmarshal(data, &doc), p)
		docs[strings.TrimPrefix(p, "json/")] = doc
		return nil
	})
	require.NoError(t, err)
	return docs
}

// walkSchema calls fn for every (sub)schema object of doc with its JSON
// pointer.
func walkSchema(doc any, ptr string, fn func(ptr string, m map[string]any)) {
	m, ok := doc.(map[string]any)
	if !ok {
		return // boolean schema
	}
	fn(ptr, m)
	for _, kw := range []string{"properties", "$defs"} {
		if sub, ok := m[kw].(map[string]any); ok {
			for k, s := range sub {
				walkSchema(s, ptr+"/"+kw+"/"+k, fn)
			}
		}
	}
	for _, kw := range []string{"items", "additionalProperties"} {
		if s, ok := m[kw]; ok {
			walkSchema(s, ptr+"/"+kw, fn)
		}
	}
	if all, ok := m["allOf"].([]any); ok {
		for i, s := range all {
			walkSchema(s, ptr+"/allOf/"+strconv.Itoa(i), fn)
		}
	}
}

// resolvePointer follows a JSON pointer fragment inside doc.
func resolvePointer(doc any, frag string) (any, bool) {
	if frag == "" {
		return doc, true
	}
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[tok]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// TestSchemaFiles checks every embedded file: it declares draft 2020-12, uses
// only known keywords, every $ref resolves to an embedded file and pointer,
// and every file is reachable from the operations table, the exceptions or
// the piecewise component schemas (no orphans).
func TestSchemaFiles(t *testing.T) {
	docs := embeddedDocs(t)
	refs := make(map[string][]string) // file -> files it references
	for file, doc := range docs {
		t.Run(file, func(t *testing.T) {
			root, ok := doc.(map[string]any)
			require.True(t, ok, "a file's root must be an object")
			assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", root["$schema"])
			walkSchema(doc, "", func(ptr string, m map[string]any) {
				for k := range m {
					assert.True(t, schemaKeywords[k], "%s#%s: unexpected keyword %q", file, ptr, k)
				}
				ref, ok := m["$ref"].(string)
				if !ok {
					return
				}
				u, err := url.Parse(ref)
				require.NoError(t, err)
				target := file
				if u.Path != "" {
					target = path.Join(path.Dir(file), u.Path)
					refs[file] = append(refs[file], target)
				}
				tdoc, ok := docs[target]
				if !assert.True(t, ok, "%s#%s: $ref %q: no embedded file %s", file, ptr, ref, target) {
					return
				}
				_, ok = resolvePointer(tdoc, u.Fragment)
				assert.True(t, ok, "%s#%s: $ref %q: no %q in %s", file, ptr, ref, u.Fragment, target)
			})
		})
	}

	reached := make(map[string]bool)
	var visit func(string)
	visit = func(f string) {
		if reached[f] {
			return
		}
		reached[f] = true
		for _, r := range refs[f] {
			visit(r)
		}
	}
	for _, o := range operations {
		visit(o.file)
	}
	for _, e := range Exceptions {
		visit(e.Schema)
	}
	visit(stageFile)
	visit(paginationFile)
	var orphans []string
	for f := range docs {
		if !reached[f] {
			orphans = append(orphans, f)
		}
	}
	sort.Strings(orphans)
	assert.Empty(t, orphans, "embedded files no table row reaches")
}

// TestStatusDefs checks that every operation file has status entries and
// that only destroy's 204 is a no-body status.
func TestStatusDefs(t *testing.T) {
	for _, o := range operations {
		t.Run(o.op, func(t *testing.T) {
			defs, err := statusDefs(o.file)
			require.NoError(t, err)
			for _, d := range defs {
				assert.Equal(t, o.op == OpDestroy && d.status == 204, d.noBody, "status %d", d.status)
			}
		})
	}
}

// TestWholeRef: only a schema that is a reference and nothing else ($comment, title and
// description aside) stands for the schema it refers to; a keyword beside the $ref could refuse
// what the referred schema passes, so part-wise validation must not take its place.
func TestWholeRef(t *testing.T) {
	for raw, want := range map[string]string{
		`{"$ref": "../components/UserLoginStage.json"}`:                              "../components/UserLoginStage.json",
		`{"$comment": "why", "title": "t", "$ref": "../components/Pagination.json"}`: "../components/Pagination.json",
		`{"$ref": "../components/UserLoginStage.json", "required": ["pk"]}`:          "",
		`{"type": "object"}`: "",
		`false`:              "",
		`{"$ref": ""}`:       "",
	} {
		ref, ok := wholeRef(json.RawMessage(raw))
		assert.Equal(t, want, ref, raw)
		assert.Equal(t, want != "", ok, raw)
	}
}
