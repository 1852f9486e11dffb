package http

import (
	"fmt"
	"strings"
	"testing"

	"github.com/strideapp/stride/storetest"
)

func TestUsualAmount(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{20}, 20},
		{[]float64{30, 31}, 30},
		{[]float64{11.2, 10.5}, 10.5},
		{[]float64{5, 40, 20}, 20},
		{[]float64{40, 5, 20, 30}, 20},
	} {
		in := append([]float64(nil), tc.in...)
		if got := usualAmount(tc.in); got != tc.want {
			t.Errorf("usualAmount(%v) = %v, want %v", in, got, tc.want)
		}
		for i := range in {
			if in[i] != tc.in[i] {
				t.Errorf("usualAmount(%v) reordered its argument", in)
			}
		}
	}
}

// TestUsualButton: with an even number of recent steps the board's "the
// usual" button offers an amount the user logged, the lower middle one,
// not the mean of the middle two (+10.85 km, +30.5 min).
func TestUsualButton(t *testing.T) {
	e := newTestEnv(t, storetest.OpenSQLite(t), Config{})
	ann := e.user("ann")
	run := e.goal(ann, "run", "5 km/day")
	walk := e.goal(ann, "walk", "10 min/day")
	for _, a := range []float64{11.2, 10.5} {
		e.step(ann, run, a, "")
	}
	for _, a := range []float64{30, 31} {
		e.step(ann, walk, a, "")
	}
	body := e.page(e.session(ann), "GET", "/", nil, 200,
		fmt.Sprintf(`value="10.5" id="card-%d-quick-1" title="the usual">&#43;10.5 km<`, run.ID),
		fmt.Sprintf(`value="30" id="card-%d-quick-1" title="the usual">&#43;30 min<`, walk.ID)).Body.String()
	for _, bad := range []string{"10.85", "30.5"} {
		if strings.Contains(body, bad) {
			t.Errorf("the board offers %s", bad)
		}
	}
	if n := strings.Count(body, `title="the usual"`); n != 2 {
		t.Errorf("%d usual buttons, want 2", n)
	}
}
