package mockserver

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"akmock/fixtures"
	"akmock/mockserver/store"
)

func TestPageCache(t *testing.T) {
	v1 := store.Prepare(fixtures.Generate(1, 3))
	v2 := store.Prepare(fixtures.Generate(2, 3))
	page := func(n int) listPage { return listPage{body: make([]byte, n)} }
	var pc pageCache

	_, ok := pc.get(v1, "")
	assert.False(t, ok, "empty cache")
	pc.put(v1, "page=1", page(10))
	got, ok := pc.get(v1, "page=1")
	assert.True(t, ok)
	assert.Len(t, got.body, 10)
	_, ok = pc.get(v1, "page=2")
	assert.False(t, ok, "another query string")
	_, ok = pc.get(v2, "page=1")
	assert.False(t, ok, "the same query string on other data")

	pc.put(v2, "page=1", page(20))
	_, ok = pc.get(v1, "page=1")
	assert.False(t, ok, "a page of the new data drops the old data's pages")
	got, _ = pc.get(v2, "page=1")
	assert.Len(t, got.body, 20)

	for i := range 100 {
		q := "page=" + strconv.Itoa(i)
		pc.put(v2, q, page(maxPageCacheBytes/10))
		assert.LessOrEqual(t, pc.bytes, maxPageCacheBytes)
		_, ok := pc.get(v2, q)
		assert.True(t, ok, "the page just put is kept")
	}
	pc.put(v2, "huge", page(maxPageCacheBytes))
	_, ok = pc.get(v2, "huge")
	assert.False(t, ok, "a page larger than the cache is not kept")
}
