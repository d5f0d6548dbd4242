// Package store holds akmock's stages in memory as a sequence of immutable versions.
//
// Readers take the current [Version] with one atomic load and never wait: a request sees one
// version from start to end, so a page's rows and its count always agree. Writers are
// serialized; each write builds the next version (copy on write, O(n) in the number of stages,
// its orderings carried over rather than sorted again) and publishes it atomically, so every
// write is visible to the next request and no write is lost.
package store

import (
	"cmp"
	"errors"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"akmock/fixtures"
	"akmock/mockserver/query"
	"akmock/mockserver/query/collate"
)

// Entry is one stored stage with its API serialization, computed once when the stage is stored.
// Entries are immutable: a write replaces the entry. Nothing may change an entry or what it
// points to (its row, its stage, its JSON), which requests share without a lock; to change the
// data, write through the [Store] (or, from a test, replace it with ReplaceStages).
type Entry struct {
	Row  *query.Row // the stage, as filters, search and ordering see it
	JSON []byte     // the stage as the API serializes it

	seq     uint64 // its place in insertion order: a version's entries have rising seqs
	checked atomic.Bool
}

// Checked reports whether JSON has passed the stage schema.
func (e *Entry) Checked() bool { return e.checked.Load() }

// MarkChecked records that JSON has passed the stage schema; since JSON never changes, it never
// needs checking again.
func (e *Entry) MarkChecked() { e.checked.Store(true) }

// Stage is the entry's stage, shared with every request: read it, never change it
// ([Version.Stages] returns copies).
func (e *Entry) Stage() *fixtures.UserLoginStage { return e.Row.Stage }

// Version is an immutable state of the store.
type Version struct {
	entries []*Entry // insertion order
	byPK    map[string]*Entry
	block   []fixtures.UserLoginStage // the stages entries point into, when Prepare made the version
	writes  uint64                    // writes since the version Prepare made: this version's number

	mu           sync.RWMutex
	sorted       map[string]*sortedRows  // cache of the rows in each ordering used lately
	selected     map[string][]*query.Row // cache of Select's filtered and searched rows
	selectedRows int                     // rows held by selected
	pages        map[string]Page         // pages served from this version, by query string
	pageBytes    int                     // bytes held by pages (bodies and keys)

	slugsOnce sync.Once
	slugs     map[string]bool // the slugs of the flows bound to stages, made by the first HasSlug
}

// Page is a list page as it was served from a version: the body and its length, and the parts
// it is made of and validated by (the entries of its stages and its pagination object). A page
// longer than [MaxPageBytes] is never kept, so it need not be built: its Body may be nil, Len
// still its length. It must not be modified.
type Page struct {
	Body       []byte
	Len        int
	Entries    []*Entry
	Pagination []byte
}

// MaxPageBytes bounds the pages a version keeps ([Version.KeepPage]): about 35 pages of 100
// stages.
const MaxPageBytes = 4 << 20

// maxSortedCache bounds how many orderings a version keeps sorted copies of.
const maxSortedCache = 32

// maxSelectedCache bounds how many results of [Version.Select] a version keeps, and
// selectedPerRow how many rows they may hold together, per stage of the version.
const (
	maxSelectedCache = 256
	selectedPerRow   = 4
)

// sortedRows is every row of a version in one ordering, text compared under one collation.
type sortedRows struct {
	ordering query.Ordering
	coll     collate.Collation
	rows     []*query.Row
	read     atomic.Uint64 // the number (writes) of the last version it was read on
}

// carriedFor is how many versions a write carries an ordering that no list has read since:
// a burst of writes with no list in between pays for a few copies, not for one per write.
const carriedFor = 8

func newVersion(entries []*Entry, byPK map[string]*Entry) *Version {
	return &Version{
		entries: entries, byPK: byPK,
		sorted: map[string]*sortedRows{}, selected: map[string][]*query.Row{},
	}
}

// next is the version after v that holds entries, indexed by byPK: v's entries with removed
// taken out and added put in (either may be nil; a replacement has both, with one seq). Each
// ordering v has sorted and a list read in the last [carriedFor] versions is carried over with
// the one row moved to its place, which costs two copies of the rows and a binary search instead
// of a sort: a write then a list on 100,000 stages would otherwise sort them all again (tens of
// milliseconds, a tenth of a second under en_US).
func (v *Version) next(entries []*Entry, byPK map[string]*Entry, removed, added *Entry) *Version {
	nv := newVersion(entries, byPK)
	nv.writes = v.writes + 1
	v.mu.RLock()
	carried := maps.Clone(v.sorted)
	v.mu.RUnlock()
	for key, s := range carried {
		read := s.read.Load()
		if nv.writes-read > carriedFor {
			continue
		}
		moved := &sortedRows{ordering: s.ordering, coll: s.coll, rows: nv.moved(s, removed, added)}
		moved.read.Store(read)
		nv.sorted[key] = moved
	}
	return nv
}

// moved returns the rows of s, sorted in the version before v, with removed's row taken out and
// added's put where s's ordering puts it in v: after the rows it sorts after, and among rows it
// ties with in insertion order, as [query.Order] leaves ties.
func (v *Version) moved(s *sortedRows, removed, added *Entry) []*query.Row {
	rows := make([]*query.Row, len(s.rows), len(s.rows)+1)
	copy(rows, s.rows)
	if removed != nil {
		i := slices.Index(rows, removed.Row)
		rows = slices.Delete(rows, i, i+1)
	}
	if added != nil {
		i, _ := slices.BinarySearchFunc(rows, added, func(r *query.Row, e *Entry) int {
			if c := s.ordering.Compare(r, e.Row, s.coll); c != 0 {
				return c
			}
			return cmp.Compare(v.Entry(r).seq, e.seq)
		})
		rows = slices.Insert(rows, i, added.Row)
	}
	return rows
}

// Len is the number of stages.
func (v *Version) Len() int { return len(v.entries) }

// Get finds a stage by its canonical pk.
func (v *Version) Get(pk string) (*Entry, bool) {
	e, ok := v.byPK[pk]
	return e, ok
}

// Entries returns the stages in insertion order. The slice must not be modified.
func (v *Version) Entries() []*Entry { return v.entries }

// Stages returns a copy of the stages in insertion order, flows included: changing it changes
// nothing in the store.
func (v *Version) Stages() []fixtures.UserLoginStage {
	stages := make([]fixtures.UserLoginStage, len(v.entries))
	for i, e := range v.entries {
		stages[i] = *e.Row.Stage
	}
	return fixtures.Clone(stages)
}

// HasName reports whether a stage other than exceptPK is named name.
func (v *Version) HasName(name, exceptPK string) bool {
	for _, e := range v.entries {
		if e.Row.Stage.Name == name && e.Row.Stage.PK != exceptPK {
			return true
		}
	}
	return false
}

// HasSlug reports whether any flow bound to a stage has the slug. The first call collects the
// version's slugs: a write's flow_set asks once for each of its items.
func (v *Version) HasSlug(slug string) bool {
	v.slugsOnce.Do(func() {
		v.slugs = map[string]bool{}
		for _, e := range v.entries {
			for _, f := range e.Row.Stage.FlowSet {
				v.slugs[f.Slug] = true
			}
		}
	})
	return v.slugs[slug]
}

// Sorted returns every row in the given ordering, text compared under the collation c (stable:
// ties keep insertion order). The result is cached for the version and must not be modified.
func (v *Version) Sorted(o query.Ordering, c collate.Collation) []*query.Row {
	key := c.String() + " " + o.Key()
	v.mu.RLock()
	s, ok := v.sorted[key]
	v.mu.RUnlock()
	if ok {
		s.read.Store(v.writes)
		return s.rows
	}
	rows := make([]*query.Row, len(v.entries))
	for i, e := range v.entries {
		rows[i] = e.Row
	}
	query.Order(rows, o, c)
	v.mu.Lock()
	if len(v.sorted) >= maxSortedCache {
		clear(v.sorted)
	}
	s = &sortedRows{ordering: slices.Clone(o), coll: c, rows: rows}
	s.read.Store(v.writes)
	v.sorted[key] = s
	v.mu.Unlock()
	return rows
}

// Select returns the rows a list request pages through: those that pass the filters and every
// search term, in the ordering under the collation c ([Version.Sorted] then [query.Filter] and
// [query.Search]). The
// version never changes, so the result is cached for it (a bounded number of results, holding
// at most four times the version's rows between them); it must not be modified. With no
// filter and no search term it is the sorted rows themselves.
func (v *Version) Select(f query.Filters, search []string, o query.Ordering, c collate.Collation) []*query.Row {
	if !f.Active() && len(search) == 0 {
		return v.Sorted(o, c)
	}
	key := c.String() + " " + o.Key() + "|" + f.Key(search)
	v.mu.RLock()
	rows, ok := v.selected[key]
	v.mu.RUnlock()
	if ok {
		return rows
	}
	rows = query.Search(query.Filter(v.Sorted(o, c), f), search)
	v.mu.Lock()
	if len(v.selected) >= maxSelectedCache || v.selectedRows+len(rows) > selectedPerRow*len(v.entries) {
		clear(v.selected)
		v.selectedRows = 0
	}
	v.selected[key] = rows
	v.selectedRows += len(rows)
	v.mu.Unlock()
	return rows
}

// Page returns the page kept for key by [Version.KeepPage].
func (v *Version) Page(key string) (Page, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	p, ok := v.pages[key]
	return p, ok
}

// KeepPage keeps a page served from this version under key (the request's query string), so a
// repeated request can be answered with it. The pages of a version hold at most [MaxPageBytes] of
// memory between them (a page larger than that, or not built, is not kept; when a page does not
// fit, those kept are dropped first), and they go with the version.
func (v *Version) KeepPage(key string, p Page) {
	size := p.heldBytes(key)
	if p.Body == nil || size > MaxPageBytes {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if _, ok := v.pages[key]; ok {
		return
	}
	if v.pages == nil || v.pageBytes+size > MaxPageBytes {
		v.pages, v.pageBytes = map[string]Page{}, 0
	}
	v.pages[key] = p
	v.pageBytes += size
}

// pageOverhead is what keeping a page costs beyond its bytes: its map slot, the Page and the
// slice headers in it.
const pageOverhead = 128

// heldBytes is the memory a page kept under key holds: the key, the body and the pagination
// object as allocated, the entry pointers, and the overhead. Small pages (an empty filter result)
// are mostly overhead.
func (p Page) heldBytes(key string) int {
	return len(key) + cap(p.Body) + cap(p.Pagination) + 8*cap(p.Entries) + pageOverhead
}

// Entry returns the entry of a row of this version.
func (v *Version) Entry(r *query.Row) *Entry { return v.byPK[r.Stage.PK] }

// ErrNotFound is returned when no stage has the pk asked for.
var ErrNotFound = errors.New("no such stage")

// Store is the in-memory database: the current version and the data it was started with.
type Store struct {
	write     sync.Mutex // serializes writers
	current   atomic.Pointer[Version]
	initial   []fixtures.UserLoginStage
	published atomic.Uint64 // versions published whole (Publish, Reset)
}

// New makes a store whose data is v; [Store.Reset] returns to it.
func New(v *Version) *Store {
	initial := v.block
	if initial == nil {
		initial = v.Stages()
	}
	s := &Store{initial: initial}
	s.current.Store(v)
	return s
}

// Prepare builds a version holding a copy of stages and their flows, to check before it is
// published with [Store.Publish] or given to [New]. Their pks must differ ([fixtures.Check]
// makes sure).
//
// It allocates in blocks, not stage by stage: the stage copies, their rows and entries each in
// one slice, and the serializations packed into chunks of about a megabyte. That takes a third
// of the time and half the memory, and leaves the garbage collector a few large objects to scan
// instead of several per stage.
func Prepare(stages []fixtures.UserLoginStage) *Version { return prepare(fixtures.Clone(stages)) }

// Adopt is [Prepare] for stages the caller has just made and gives up: the version holds them
// and their flows as they are, so the caller must not use or change them afterwards. It spares
// the copy when the stages are fresh (generated, or just loaded from a file).
func Adopt(stages []fixtures.UserLoginStage) *Version { return prepare(stages) }

// prepare builds a version on own, which it keeps as the version's block: nothing may change
// own afterwards. The store keeps the first version's block as its initial data, and a reset
// builds on that block again, so the data the store started with is held once.
func prepare(own []fixtures.UserLoginStage) *Version {
	rows := query.NewRows(own)
	block := make([]Entry, len(own))
	entries := make([]*Entry, len(own))
	byPK := make(map[string]*Entry, len(own))
	chunkSize := min(jsonChunk, max(len(own), 1)*2048)
	var chunk, scratch []byte
	for i := range own {
		scratch = own[i].AppendJSON(scratch[:0])
		if len(chunk)+len(scratch) > cap(chunk) {
			chunk = make([]byte, 0, max(chunkSize, len(scratch)))
		}
		start := len(chunk)
		chunk = append(chunk, scratch...)
		e := &block[i]
		e.Row = &rows[i]
		e.JSON = chunk[start:len(chunk):len(chunk)]
		e.seq = uint64(i)
		entries[i] = e
		byPK[own[i].PK] = e
	}
	v := newVersion(entries, byPK)
	v.block = own
	return v
}

// jsonChunk is the size of the blocks [Prepare] packs serialized stages into.
const jsonChunk = 1 << 20

func newEntry(s fixtures.UserLoginStage) *Entry {
	return &Entry{Row: query.NewRow(&s), JSON: s.AppendJSON(nil)}
}

// Published counts the versions published whole ([Store.Publish], [Store.Reset]), not those a write makes: a change in it says all the data may have changed.
func (s *Store) Published() uint64 { return s.published.Load() }

// Current is the version a request works on.
func (s *Store) Current() *Version { return s.current.Load() }

// Reset replaces the data with what the store was created with, and returns that version.
func (s *Store) Reset() *Version {
	v := prepare(s.initial)
	s.Publish(v)
	return v
}

// Publish makes v the current version, between two writes.
func (s *Store) Publish(v *Version) {
	s.write.Lock()
	s.current.Store(v)
	s.published.Add(1)
	s.write.Unlock()
}

// Write runs change on the current version while no other writer runs, and publishes what it
// returns. change returns the stage to store (a new pk appends, a known pk replaces in place),
// or an error, in which case nothing changes.
func (s *Store) Write(change func(v *Version) (fixtures.UserLoginStage, error)) (*Entry, error) {
	s.write.Lock()
	defer s.write.Unlock()
	cur := s.current.Load()
	stage, err := change(cur)
	if err != nil {
		return nil, err
	}
	e := newEntry(stage)
	entries := make([]*Entry, len(cur.entries), len(cur.entries)+1)
	copy(entries, cur.entries)
	old, replaced := cur.byPK[stage.PK]
	if replaced {
		e.seq = old.seq
		entries[slices.Index(entries, old)] = e
	} else {
		if n := len(entries); n > 0 {
			e.seq = entries[n-1].seq + 1
		}
		entries = append(entries, e)
	}
	byPK := maps.Clone(cur.byPK)
	byPK[stage.PK] = e
	s.current.Store(cur.next(entries, byPK, old, e))
	return e, nil
}

// Delete removes the stage with pk (and so its flow bindings), or returns [ErrNotFound].
func (s *Store) Delete(pk string) error {
	s.write.Lock()
	defer s.write.Unlock()
	cur := s.current.Load()
	old, ok := cur.byPK[pk]
	if !ok {
		return ErrNotFound
	}
	i := slices.Index(cur.entries, old)
	entries := slices.Concat(cur.entries[:i], cur.entries[i+1:])
	byPK := maps.Clone(cur.byPK)
	delete(byPK, pk)
	s.current.Store(cur.next(entries, byPK, old, nil))
	return nil
}
