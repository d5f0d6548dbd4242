package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// followLiveHeap keeps the garbage collector's soft memory limit fitted to the data, unless
// GOMEMLIMIT or GOGC says how to run the collector. Without a limit the heap grows to twice its
// peak under load before the collector runs, and resident memory with it.
//
// It fits the limit to the data loaded now, then checks every interval, until stop is closed,
// whether it still fits: the control API can replace the data with some many times larger (a
// limit below what the data needs makes the collector run back to back) or smaller (a limit far
// above it lets resident memory grow). The live heap is only measured by a collection, so when
// the data has been replaced whole since the last check (published counts that), it fits again
// at once: otherwise an idle server would keep the memory of data it no longer holds until the
// runtime's own collection, two minutes later.
func followLiveHeap(stop <-chan struct{}, interval time.Duration, published func() uint64) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	fitMemoryLimit()
	go func() {
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		seen := published()
		for {
			select {
			case <-ticker.C:
				if now := published(); now != seen || !limitFits(readHeap(), debug.SetMemoryLimit(-1)) {
					seen = now
					fitMemoryLimit()
				}
			case <-stop:
				return
			}
		}
	}()
}

// fitMemoryLimit collects the garbage and sets the limit for what is left.
func fitMemoryLimit() {
	runtime.GC()
	h := readHeap()
	debug.SetMemoryLimit(limitFor(h.live, h.unused))
}

// limitFor is the memory limit for a heap, measured right after a collection, of live bytes of
// objects and unused bytes of gaps between them: room for the data, as much again for the garbage
// requests make between two collections (as GOGC=100 would give), and the gaps, which the limit
// counts too and which only objects of their sizes can fill (a large upload through the control
// API leaves about as many bytes of gaps as of data); at least minMemoryLimit.
func limitFor(live, unused uint64) int64 { return max(int64(2*live+unused), minMemoryLimit) }

// limitFits reports whether limit still fits the heap: it leaves the collector a quarter of the
// live heap or more as room for garbage, and it is at most twice what limitFor gives for the heap
// now (the data has not shrunk to much less than it was fitted to). A limit fitted just now fits.
func limitFits(h heap, limit int64) bool {
	roomy := h.goal >= h.live+h.live/4
	needed := limit <= 2*limitFor(h.live, h.unused)
	return roomy && needed
}

// minMemoryLimit is the least memory limit. Above the live data, the limit is the room for the
// garbage requests make between two collections: the less room, the more often the collector
// runs, and each run marks all the data. At 10,000 stages twice the live heap is about 36 MiB;
// 40 MiB keeps a collection to about every 4,000 retrieves, with about 45 MB resident under load
// (BENCHMARKS.md).
const minMemoryLimit = 40 << 20

// heap is what the runtime reports of the heap, in bytes.
type heap struct {
	live   uint64 // marked live by the last collection
	unused uint64 // gaps between objects in the heap's spans
	goal   uint64 // the heap size at which the next collection ends (GOGC and the limit)
}

func readHeap() heap {
	samples := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}, {Name: "/gc/heap/goal:bytes"},
	}
	metrics.Read(samples)
	return heap{live: samples[0].Value.Uint64(), unused: samples[1].Value.Uint64(), goal: samples[2].Value.Uint64()}
}
