package mockserver

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFaultLatencyCapped: the latencies of the rules that apply add up, but never past
// maxFaultLatency, which keeps a delayed answer under the command's request timeout.
func TestFaultLatencyCapped(t *testing.T) {
	f := newFaults()
	for range 2 {
		require.NoError(t, f.add(faultRule{Operation: "*", LatencyMS: maxFaultLatency.Milliseconds()}))
	}
	latency, status := f.apply(opList)
	assert.Equal(t, maxFaultLatency, latency)
	assert.Zero(t, status)

	f = newFaults()
	require.NoError(t, f.add(faultRule{Operation: "*", LatencyMS: 1000}))
	require.NoError(t, f.add(faultRule{Operation: opList, LatencyMS: 2000}))
	latency, _ = f.apply(opList)
	assert.Equal(t, 3*time.Second, latency, "both rules apply to the list")
	latency, _ = f.apply(opRetrieve)
	assert.Equal(t, time.Second, latency, "only the '*' rule applies to a retrieve")
}

// TestFaultFraction: a rule with a fraction applies to about that share of the requests, and
// its count counts only the requests it applied to.
func TestFaultFraction(t *testing.T) {
	f := newFaults()
	count := 50
	require.NoError(t, f.add(faultRule{Operation: "*", Status: 503, Fraction: 0.25, Remaining: &count}))
	applied, requests := 0, 0
	for ; requests < 1000 && len(f.list()) > 0; requests++ {
		if _, status := f.apply(opList); status == 503 {
			applied++
		}
	}
	assert.Equal(t, 50, applied, "the count is used up")
	assert.InDelta(t, 200, requests, 80, "50 applications at a quarter of the requests")
}

// TestFaultSeeds: a rule with a fraction meets the same requests whenever it is added with the
// same seed, whatever other rules drew or met before it (each draws from its own generator), and
// another seed meets others.
func TestFaultSeeds(t *testing.T) {
	pattern := func(f *faults, seed int64) []int {
		require.NoError(t, f.add(faultRule{Operation: opList, Status: 503, Fraction: 0.5, Seed: seed}))
		statuses := make([]int, 64)
		for i := range statuses {
			_, statuses[i] = f.apply(opList)
		}
		f.clear()
		return statuses
	}
	first := pattern(newFaults(), 7)
	assert.Contains(t, first, 503)
	assert.Contains(t, first, 0)

	f := newFaults()
	require.NoError(t, f.add(faultRule{Operation: opRetrieve, Status: 500, Fraction: 0.5, Seed: 7}))
	for range 10 {
		f.apply(opRetrieve) // another rule's draws
	}
	f.clear()
	pattern(f, 3) // an earlier test's rule
	assert.Equal(t, first, pattern(f, 7), "the same seed meets the same requests")
	assert.NotEqual(t, first, pattern(f, 8), "another seed meets others")
}

// TestFaultRulesBounded: at most maxFaultRules rules are in force; past them a rule is refused,
// and one removed makes room again.
func TestFaultRulesBounded(t *testing.T) {
	f := newFaults()
	for range maxFaultRules {
		require.NoError(t, f.add(faultRule{Operation: "*", Status: 503}))
	}
	err := f.add(faultRule{Operation: "*", Status: 503})
	require.Error(t, err)
	assert.Equal(t, "1000 fault rules are in force, the most akmock keeps; DELETE /_akmock/faults/{id} or /_akmock/faults removes them", err.Error())
	assert.Len(t, f.list(), maxFaultRules)
	require.True(t, f.remove(1))
	require.NoError(t, f.add(faultRule{Operation: "*", Status: 503}))
}
