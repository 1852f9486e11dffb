package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/strideapp/stride"
)

// metrics are the server's Prometheus series, in a registry of its own so
// that several servers (tests) never share state.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	store    *prometheus.HistogramVec
	storeErr *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stride_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "stride_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
		store: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "stride_store_call_duration_seconds",
			Help:    "Time of calls to the database store, by service and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"service", "method"}),
		storeErr: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stride_store_internal_errors_total",
			Help: "Store calls that failed inside stride or its database (not bad input), by service and method.",
		}, []string{"service", "method"}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.store, m.storeErr,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
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
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route, method).Observe(d.Seconds())
}

// observeStore records one store call; the method names are a fixed set,
// so the labels stay few.
func (m *metrics) observeStore(service, method string, d time.Duration, err error) {
	m.store.WithLabelValues(service, method).Observe(d.Seconds())
	if stride.ErrorCode(err) == stride.EINTERNAL {
		m.storeErr.WithLabelValues(service, method).Inc()
	}
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
