package http

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/strideapp/stride"
)

// metrics are the server's Prometheus series, written in the Prometheus
// text format (version 0.0.4) by this small file rather than by
// github.com/prometheus/client_golang. That library is the usual choice,
// but it lives in the one stride binary the CLI starts for every command:
// its package initialisation (with procfs and protobuf) and its pages added
// about 1.8 ms to every `stride log`, whose whole budget is about 8 ms
// (docs/BENCHMARKS.md). What the server needs is three families of
// counters and histograms with fixed buckets, which this writes exactly.
//
// Each server has its own, so tests never share state.
type metrics struct {
	mu       sync.Mutex
	requests map[[3]string]uint64     // route, method, code
	duration map[[2]string]*histogram // route, method
	store    map[[2]string]*histogram // service, method
	storeErr map[[2]string]uint64     // service, method
	start    time.Time
}

// histogram counts observations into cumulative buckets, as Prometheus
// histograms do.
type histogram struct {
	buckets []float64
	counts  []uint64 // per bucket, not cumulative; the +Inf bucket is count
	count   uint64
	sum     float64
}

var (
	requestBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
	storeBuckets   = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1}
)

func (h *histogram) observe(v float64) {
	for i, b := range h.buckets {
		if v <= b {
			h.counts[i]++
			break
		}
	}
	h.count++
	h.sum += v
}

func newMetrics() *metrics {
	return &metrics{
		requests: map[[3]string]uint64{},
		duration: map[[2]string]*histogram{},
		store:    map[[2]string]*histogram{},
		storeErr: map[[2]string]uint64{},
		start:    time.Now(),
	}
}

func (m *metrics) histogramFor(set map[[2]string]*histogram, key [2]string, buckets []float64) *histogram {
	h := set[key]
	if h == nil {
		h = &histogram{buckets: buckets, counts: make([]uint64, len(buckets))}
		set[key] = h
	}
	return h
}

// observe counts one request. route is a pattern of routes.go (or
// "unmatched"), so the label values stay few; methods outside the usual
// ones are folded together for the same reason.
func (m *metrics) observe(route, method string, status int, d time.Duration) {
	switch method {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS":
	default:
		method = "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[3]string{route, method, strconv.Itoa(status)}]++
	m.histogramFor(m.duration, [2]string{route, method}, requestBuckets).observe(d.Seconds())
}

// observeStore records one store call; the method names are a fixed set,
// so the labels stay few.
func (m *metrics) observeStore(service, method string, d time.Duration, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.histogramFor(m.store, [2]string{service, method}, storeBuckets).observe(d.Seconds())
	if stride.ErrorCode(err) == stride.EINTERNAL {
		m.storeErr[[2]string{service, method}]++
	}
}

func (m *metrics) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.write(w)
	})
}

// write writes every series, sorted so the output is stable.
func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	header(w, "stride_http_requests_total", "counter", "HTTP requests answered, by route pattern, method and status code.")
	for _, k := range sortedKeys(m.requests) {
		fmt.Fprintf(w, "stride_http_requests_total{code=%s,method=%s,route=%s} %d\n", quote(k[2]), quote(k[1]), quote(k[0]), m.requests[k])
	}
	header(w, "stride_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by route pattern and method.")
	for _, k := range sortedKeys(m.duration) {
		writeHistogram(w, "stride_http_request_duration_seconds", "method="+quote(k[1])+",route="+quote(k[0]), m.duration[k])
	}
	header(w, "stride_store_call_duration_seconds", "histogram", "Time of calls to the database store, by service and method.")
	for _, k := range sortedKeys(m.store) {
		writeHistogram(w, "stride_store_call_duration_seconds", "method="+quote(k[1])+",service="+quote(k[0]), m.store[k])
	}
	header(w, "stride_store_internal_errors_total", "counter", "Store calls that failed inside stride or its database (not bad input), by service and method.")
	for _, k := range sortedKeys(m.storeErr) {
		fmt.Fprintf(w, "stride_store_internal_errors_total{method=%s,service=%s} %d\n", quote(k[1]), quote(k[0]), m.storeErr[k])
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	header(w, "go_goroutines", "gauge", "Number of goroutines that currently exist.")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	header(w, "go_memstats_heap_inuse_bytes", "gauge", "Bytes in in-use heap spans.")
	fmt.Fprintf(w, "go_memstats_heap_inuse_bytes %d\n", ms.HeapInuse)
	header(w, "go_memstats_sys_bytes", "gauge", "Bytes obtained from the system.")
	fmt.Fprintf(w, "go_memstats_sys_bytes %d\n", ms.Sys)
	if rss, ok := residentBytes(); ok {
		header(w, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.")
		fmt.Fprintf(w, "process_resident_memory_bytes %d\n", rss)
	}
	header(w, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.")
	fmt.Fprintf(w, "process_start_time_seconds %d\n", m.start.Unix())
}

func header(w io.Writer, name, kind, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
}

func writeHistogram(w io.Writer, name, labels string, h *histogram) {
	var cum uint64
	for i, b := range h.buckets {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s,le=%q} %d\n", name, labels, strconv.FormatFloat(b, 'g', -1, 64), cum)
	}
	fmt.Fprintf(w, "%s_bucket{%s,le=\"+Inf\"} %d\n", name, labels, h.count)
	fmt.Fprintf(w, "%s_sum{%s} %s\n", name, labels, strconv.FormatFloat(h.sum, 'g', -1, 64))
	fmt.Fprintf(w, "%s_count{%s} %d\n", name, labels, h.count)
}

// quote writes a label value with the text format's escapes.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}

func sortedKeys[K [2]string | [3]string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int {
		for i := range len(a) {
			if c := strings.Compare(a[i], b[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	return keys
}

// residentBytes reads the process's resident set size from /proc, on Linux.
func residentBytes() (uint64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
}
