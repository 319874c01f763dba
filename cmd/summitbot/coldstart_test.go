package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkColdStart runs the built binary's "ask" against an index built
// beforehand: process start, corpus check, index open, answer, exit.
func BenchmarkColdStart(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "summitbot")
	if out, err := exec.Command("go", "build", "-trimpath", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	env := append(os.Environ(), "SUMMITBOT_DATA_DIR="+data, "SUMMITBOT_LOG_LEVEL=warn")
	build := exec.Command(bin, "index")
	build.Env = env
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("index: %v\n%s", err, out)
	}
	var lat []time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "ask", "--json", "When was the first summit?")
		cmd.Env = env
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("ask: %v\n%s", err, out)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*9/10].Microseconds())/1000, "p90-ms")
}
