package http

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

func TestMetricsText(t *testing.T) {
	m := newMetrics()
	m.observe("GET /goals/{id}", "GET", 200, 3*time.Millisecond)
	m.observe("GET /goals/{id}", "GET", 200, 70*time.Millisecond)
	m.observe(`odd "route"`, "BREW", 418, time.Second)
	m.observeStore("goal", "FindGoalByID", 200*time.Microsecond, stride.Errorf(stride.ENOTFOUND, "no goal"))
	m.observeStore("goal", "FindGoalByID", 2*time.Millisecond, errors.New("disk on fire"))
	var b bytes.Buffer
	m.write(&b)
	out := b.String()
	for _, want := range []string{
		`stride_http_requests_total{code="200",method="GET",route="GET /goals/{id}"} 2`,
		`stride_http_requests_total{code="418",method="other",route="odd \"route\""} 1`,
		`stride_http_request_duration_seconds_bucket{method="GET",route="GET /goals/{id}",le="0.005"} 1`,
		`stride_http_request_duration_seconds_bucket{method="GET",route="GET /goals/{id}",le="0.1"} 2`,
		`stride_http_request_duration_seconds_bucket{method="GET",route="GET /goals/{id}",le="+Inf"} 2`,
		`stride_http_request_duration_seconds_count{method="GET",route="GET /goals/{id}"} 2`,
		`stride_store_call_duration_seconds_count{method="FindGoalByID",service="goal"} 2`,
		`stride_store_internal_errors_total{method="FindGoalByID",service="goal"} 1`,
		"# TYPE stride_http_request_duration_seconds histogram",
		"go_goroutines ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s\n%s", want, out)
		}
	}
}
