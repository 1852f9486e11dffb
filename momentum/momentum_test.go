package momentum

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/strideapp/stride"
)

var (
	start     = stride.NewDate(2025, 1, 6) // a Monday
	daily30   = stride.Target{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}
	weekly3   = stride.Target{From: start, Amount: 3, Count: true, Per: stride.PerWeek}
	weekly150 = stride.Target{From: start, Amount: 150, Unit: "min", Per: stride.PerWeek}
)

// series builds n days from start with the amounts given by f.
func series(n int, f func(i int) float64) *Series {
	s := &Series{From: start, Amount: make([]float64, n), Held: make([]bool, n)}
	for i := range n {
		s.Amount[i] = f(i)
	}
	return s
}

func goal(dir stride.Direction, ts ...stride.Target) Goal {
	return Goal{Targets: ts, Direction: dir, Start: start}
}

func values(g Goal, s *Series) []float64 {
	var v []float64
	for _, p := range Score(g, s, s.From+stride.Date(s.Len()-1)) {
		v = append(v, p.Value)
	}
	return v
}

func randomSeries(r *rand.Rand, n int) *Series {
	s := series(n, func(int) float64 {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return float64(r.IntN(20))
		default:
			return float64(r.IntN(80))
		}
	})
	for i := range n {
		s.Held[i] = r.IntN(15) == 0
	}
	return s
}

// Property 1: bounded in [0, 1] and deterministic.
func TestBoundedAndDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		s := randomSeries(r, 400)
		for _, g := range []Goal{
			goal(stride.AtLeast, daily30), goal(stride.AtLeast, weekly3), goal(stride.AtMost, daily30),
			goal(stride.AtLeast, daily30, stride.Target{From: start + 100, Amount: 150, Unit: "min", Per: stride.PerWeek}),
		} {
			a, b := values(g, s), values(g, s)
			for i := range a {
				if a[i] < 0 || a[i] > 1 || math.IsNaN(a[i]) {
					t.Fatalf("trial %d day %d: momentum %v outside [0, 1]", trial, i, a[i])
				}
				if a[i] != b[i] {
					t.Fatalf("trial %d day %d: two runs differ: %v, %v", trial, i, a[i], b[i])
				}
			}
		}
	}
}

// Property 2: a partial amount earns partial credit, and adding a step never
// lowers momentum on any later day.
func TestEveryStepCounts(t *testing.T) {
	g := goal(stride.AtLeast, daily30)
	none := values(g, series(10, func(int) float64 { return 0 }))
	half := values(g, series(10, func(i int) float64 { return 15 }))
	full := values(g, series(10, func(i int) float64 { return 30 }))
	if !(none[9] < half[9] && half[9] < full[9]) {
		t.Fatalf("partial credit: none %.3f, half %.3f, full %.3f: want none < half < full", none[9], half[9], full[9])
	}
	if p := Score(g, series(1, func(int) float64 { return 10 }), start); math.Abs(p[0].Credit-1.0/3) > 1e-12 {
		t.Errorf("10 of 30 min earned credit %v, want 1/3", p[0].Credit)
	}

	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		s := randomSeries(r, 200)
		gs := []Goal{goal(stride.AtLeast, daily30), goal(stride.AtLeast, weekly3), goal(stride.AtLeast, weekly150),
			goal(stride.AtLeast, weekly150, stride.Target{From: start + 50, Amount: 2, Count: true, Per: stride.PerDays, Every: 3})}
		g := gs[trial%len(gs)]
		before := values(g, s)
		day := r.IntN(s.Len())
		s.Amount[day] += 1 + float64(r.IntN(60))
		after := values(g, s)
		for i := range before {
			if after[i] < before[i]-1e-12 {
				t.Fatalf("trial %d: a step on day %d lowered day %d from %v to %v", trial, day, i, before[i], after[i])
			}
		}
	}
}

// Property 3: after 8 weeks on target, one missed day (daily target) costs at
// most 15% and one missed week (weekly target) at most 20% of the value.
func TestNeverResets(t *testing.T) {
	t.Run("daily", func(t *testing.T) {
		s := series(57, func(i int) float64 {
			if i == 56 {
				return 0
			}
			return 30
		})
		v := values(goal(stride.AtLeast, daily30), s)
		if loss := 1 - v[56]/v[55]; loss > 0.15 {
			t.Fatalf("one gap after 8 weeks cost %.1f%%, want at most 15%%", loss*100)
		}
	})
	for _, tc := range []struct {
		name    string
		target  stride.Target
		pattern map[int]float64 // weekday offset from Monday → amount
	}{
		{"3 times a week early", weekly3, map[int]float64{0: 1, 1: 1, 2: 1}},
		{"3 times a week late", weekly3, map[int]float64{4: 1, 5: 1, 6: 1}},
		{"3 times a week spread", weekly3, map[int]float64{0: 1, 3: 1, 5: 1}},
		{"150 min a week in one go", weekly150, map[int]float64{6: 150}},
		{"150 min a week daily", weekly150, map[int]float64{0: 30, 1: 20, 2: 20, 3: 20, 4: 20, 5: 20, 6: 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// 8 weeks on target, week 9 a gap, then on target again.
			s := series(7*14, func(i int) float64 {
				if i/7 == 8 {
					return 0
				}
				return tc.pattern[i%7]
			})
			v := values(goal(stride.AtLeast, tc.target), s)
			before := v[8*7-1]
			low := before
			for _, x := range v[8*7:] {
				low = min(low, x)
			}
			if loss := 1 - low/before; loss > 0.20 {
				t.Fatalf("a gap week after 8 weeks cost %.1f%% at its lowest, want at most 20%%", loss*100)
			}
			if low == 0 {
				t.Fatal("momentum reset to zero")
			}
		})
	}
}

// Property 4: a goal met every period reaches 0.8 within 8 weeks (daily) or
// 12 weeks (weekly), wherever in the week the work falls.
func TestReachesMomentum(t *testing.T) {
	v := values(goal(stride.AtLeast, daily30), series(56, func(int) float64 { return 30 }))
	if v[55] < 0.8 {
		t.Errorf("daily target met 8 weeks: momentum %.3f, want at least 0.8", v[55])
	}
	for _, last := range []bool{false, true} {
		s := series(84, func(i int) float64 {
			if (last && i%7 >= 4) || (!last && i%7 < 3) {
				return 1
			}
			return 0
		})
		if v := values(goal(stride.AtLeast, weekly3), s); v[83] < 0.8 {
			t.Errorf("weekly target met 12 weeks (late in the week: %v): momentum %.3f, want at least 0.8", last, v[83])
		}
	}
	s := series(84, func(i int) float64 {
		if i%7 == 6 {
			return 150
		}
		return 0
	})
	if v := values(goal(stride.AtLeast, weekly150), s); v[83] < 0.8 {
		t.Errorf("150 min every Sunday for 12 weeks: momentum %.3f, want at least 0.8", v[83])
	}
}

// Property 5: one step earns at most one period's full credit; a huge step
// cannot be banked against later gaps.
func TestNoBanking(t *testing.T) {
	for _, tg := range []stride.Target{daily30, weekly150, {From: start, Amount: 20, Unit: "pages", Per: stride.PerMonth}} {
		g := goal(stride.AtLeast, tg)
		exact := series(120, func(i int) float64 {
			if i == 10 {
				return tg.Amount
			}
			return 0
		})
		huge := series(120, func(i int) float64 {
			if i == 10 {
				return tg.Amount * 100
			}
			return 0
		})
		a, b := values(g, exact), values(g, huge)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%s: a step 100× the target differs from one exactly on target on day %d: %v vs %v", tg, i, b[i], a[i])
			}
		}
		credit := 0.0
		for _, p := range Score(g, huge, start+119) {
			credit += p.Credit
		}
		if credit > float64(tg.Days())+1e-9 {
			t.Fatalf("%s: one step earned %.2f days of credit, more than one period (%d days)", tg, credit, tg.Days())
		}
	}
}

// Property 6: paused and skipped days neither raise nor lower momentum: the
// days around them score as if the held days did not exist.
func TestHeldDays(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, tg := range []stride.Target{daily30, weekly3, weekly150} {
		g := goal(stride.AtLeast, tg)
		s := randomSeries(r, 150)
		for i := range s.Held {
			s.Held[i] = false
		}
		base := values(g, s)
		// Insert 10 held days (a pause) after day 60 and a skip day after day 100.
		held := &Series{From: start}
		for i := range s.Len() {
			held.Amount = append(held.Amount, s.Amount[i])
			held.Held = append(held.Held, false)
			if i == 60 {
				for range 10 {
					held.Amount = append(held.Amount, 0)
					held.Held = append(held.Held, true)
				}
			}
			if i == 100 {
				held.Amount = append(held.Amount, 0)
				held.Held = append(held.Held, true)
			}
		}
		got := values(g, held)
		j := 0
		for i, v := range got {
			if held.Held[i] {
				if v != got[i-1] {
					t.Fatalf("%s: held day %d moved momentum from %v to %v", tg, i, got[i-1], v)
				}
				continue
			}
			if math.Abs(v-base[j]) > 1e-12 {
				t.Fatalf("%s: day %d after held days scores %v, without them %v", tg, i, v, base[j])
			}
			j++
		}
	}
}

// Property 7: a new target changes nothing before the day it takes effect.
func TestTargetHistory(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	s := randomSeries(r, 300)
	old := values(goal(stride.AtLeast, daily30), s)
	raised := stride.Target{From: start + 150, Amount: 60, Unit: "min", Per: stride.PerDay}
	weekly := stride.Target{From: start + 150, Amount: 200, Unit: "min", Per: stride.PerWeek}
	for _, nt := range []stride.Target{raised, weekly} {
		v := values(goal(stride.AtLeast, daily30, nt), s)
		for i := range 150 {
			if v[i] != old[i] {
				t.Fatalf("target %s from day 150 changed day %d: %v → %v", nt, i, old[i], v[i])
			}
		}
		if v[200] == old[200] {
			t.Fatalf("target %s changed nothing after it took effect", nt)
		}
	}
}

func TestAtMostTapers(t *testing.T) {
	limit := stride.Target{From: start, Amount: 2, Unit: "cups", Per: stride.PerDay}
	for _, tc := range []struct{ sum, want float64 }{{0, 1}, {2, 1}, {3, 0.5}, {4, 0}, {9, 0}} {
		if got := Credit(tc.sum, limit.Amount, stride.AtMost); got != tc.want {
			t.Errorf("at most 2: %v cups earned %v, want %v", tc.sum, got, tc.want)
		}
	}
}

// Resuming from any checkpoint with the series cut at WindowFrom gives the
// same values as scoring the whole history: what the stores rely on.
func TestCheckpointsAreExact(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for trial := range 300 {
		full := randomSeries(r, 500)
		if trial%3 == 0 { // a long pause
			for i := 200; i < 260; i++ {
				full.Held[i] = true
			}
		}
		ts := []stride.Target{daily30}
		switch trial % 4 {
		case 1:
			ts = []stride.Target{weekly3}
		case 2:
			ts = []stride.Target{weekly150, {From: start + 300, Amount: 2, Count: true, Per: stride.PerDays, Every: 3}}
		case 3:
			ts = []stride.Target{daily30, {From: start + 100, Amount: 40, Unit: "pages", Per: stride.PerMonth}}
		}
		g := goal(stride.Direction([]string{"at_least", "at_most"}[trial%2]), ts...)
		want := values(g, full)
		c := start + stride.Date(r.IntN(480))
		cp := State{Day: c, Value: want[c-start]}
		wf := WindowFrom(g, full, c)
		cut := &Series{From: wf, Amount: full.Amount[wf-start:], Held: full.Held[wf-start:]}
		var got []float64
		Run(g, cut, cp, start+499, func(p Point) { got = append(got, p.Value) })
		for i, v := range got {
			if math.Abs(v-want[int(c-start)+1+i]) > 1e-12 {
				t.Fatalf("trial %d: from checkpoint %d (window from %d), day %d scored %v, want %v", trial, c-start, wf-start, int(c-start)+1+i, v, want[int(c-start)+1+i])
			}
		}
	}
}

func BenchmarkScore10YearsDaily(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	s := randomSeries(r, 3653)
	g := goal(stride.AtLeast, daily30, stride.Target{From: start + 2000, Amount: 150, Unit: "min", Per: stride.PerWeek})
	b.ReportAllocs()
	for b.Loop() {
		Run(g, s, Initial(g), start+3652, nil)
	}
}

func BenchmarkResume60Days(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	s := randomSeries(r, 70)
	g := goal(stride.AtLeast, weekly150)
	b.ReportAllocs()
	for b.Loop() {
		Run(g, s, State{Day: start + 9, Value: 0.5}, start+69, nil)
	}
}
