package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"akmock/schema"
)

// mustBench loads a recorded body and a Validator for a benchmark.
func mustBench(b *testing.B, file string) (*schema.Validator, []byte) {
	b.Helper()
	v, err := schema.New()
	if err != nil {
		b.Fatal(err)
	}
	body, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return v, body
}

// BenchmarkValidateList100 validates a real 100-stage list page (about 90 kB,
// 97 flow_set entries), as the server does on every list request.
func BenchmarkValidateList100(b *testing.B) {
	v, body := mustBench(b, "testdata/stages_user_login_list/200-page1-size100.json")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Validate(schema.OpList, 200, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateList100Piecewise validates the same page the piecewise
// way: each stage on its own (as if when stored) plus the pagination object.
func BenchmarkValidateList100Piecewise(b *testing.B) {
	v, body := mustBench(b, "testdata/stages_user_login_list/200-page1-size100.json")
	var page struct {
		Pagination json.RawMessage   `json:"pagination"`
		Results    []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		b.Fatal(err)
	}
	b.Run("stages", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range page.Results {
				if err := v.ValidateStage(s); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("pagination", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := v.ValidatePagination(page.Pagination); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDecodeList100 measures only the UseNumber decoding that Validate
// does before validating, to split the cost.
func BenchmarkDecodeList100(b *testing.B) {
	_, body := mustBench(b, "testdata/stages_user_login_list/200-page1-size100.json")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}
