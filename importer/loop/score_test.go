package loop

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/momentum"
)

// loopScore is Loop Habit Tracker's habit score for a yes/no habit of
// frequency num/den over values (Loop's entry values, oldest first), as
// ScoreList.recompute and Score.compute describe it: a rolling count of
// YES_MANUAL days over den days (num and den doubled for habits less
// often than daily), its share of num capped at 1, smoothed with the
// multiplier 0.5^(√(num/den)/13); SKIP days keep the score.
func loopScore(values []int64, num, den int) []float64 {
	freq := float64(num) / float64(den)
	if freq < 1 {
		num, den = 2*num, 2*den
	}
	m := math.Pow(0.5, math.Sqrt(freq)/13)
	out := make([]float64, len(values))
	score, rolling := 0.0, 0.0
	for i, v := range values {
		if v == YesManual {
			rolling++
		}
		if i-den >= 0 && values[i-den] == YesManual {
			rolling--
		}
		if v != Skip {
			score = score*m + math.Min(1, rolling/float64(num))*(1-m)
		}
		out[i] = score
	}
	return out
}

// strideMomentum imports a Checkmarks.csv for a yes/no habit of frequency
// num/den and returns stride's momentum from the goal's start on.
func strideMomentum(t *testing.T, csv string, num, den int, n int) []float64 {
	t.Helper()
	habits := fmt.Sprintf("%s\n001,Habit,YES_NO,,,%d,%d,#FF8F00,,,,false\n", HeaderNew, num, den)
	b, err := parseZip(t, zipFiles(t, map[string][]byte{"Habits.csv": []byte(habits), "001 Habit/Checkmarks.csv": []byte(csv)}))
	if err != nil {
		t.Fatal(err)
	}
	g := b.Goals[0]
	s := &momentum.Series{From: g.Start, Amount: make([]float64, n), Held: make([]bool, n)}
	for _, st := range g.Steps {
		s.Amount[st.Day-g.Start] += st.Amount
	}
	for _, d := range g.Skips {
		s.Held[d-g.Start] = true
	}
	var v []float64
	for _, p := range momentum.Score(momentum.Goal{Targets: g.Targets, Direction: g.Direction, Start: g.Start}, s, g.Start+stride.Date(n-1)) {
		v = append(v, p.Value)
	}
	return v
}

// history makes n days of Loop values from a seed: a habit done on most
// days, with a two-week lapse, a week of skips (a holiday) and a return.
func history(seed uint64, n int, rate float64) []int64 {
	r := rand.New(rand.NewPCG(seed, 1))
	v := make([]int64, n)
	for i := range v {
		switch {
		case i >= n/3 && i < n/3+14: // the lapse
			v[i] = No
		case i >= n/2 && i < n/2+7: // the holiday
			v[i] = Skip
		case r.Float64() < rate:
			v[i] = YesManual
		default:
			v[i] = No
		}
	}
	v[0] = YesManual
	return v
}

func checkmarks(start stride.Date, values []int64) string {
	var b strings.Builder
	b.WriteString("Date,Value,Notes\n")
	for i := len(values) - 1; i >= 0; i-- { // newest first, as Loop writes
		name := map[int64]string{YesManual: "YES_MANUAL", No: "NO", Skip: "SKIP"}[values[i]]
		fmt.Fprintf(&b, "%s,%s,\n", start+stride.Date(i), name)
	}
	return b.String()
}

// TestMomentumFollowsLoopScore imports daily habits with a lapse and a
// holiday and compares stride's momentum with Loop's score day by day:
// for a daily yes/no habit both are one exponential smoothing of the same
// 0-or-1 signal with half-lives of 12 and 13 days, so the curves have the
// same shape and differ by a few points. docs/formats.md quotes
// the figures this test logs.
func TestMomentumFollowsLoopScore(t *testing.T) {
	start := stride.NewDate(2024, 1, 1)
	const n = 240
	for _, tc := range []struct {
		num, den int
		rate     float64
		maxDiff  float64 // the largest gap allowed on any day
		meanDiff float64 // and on average
	}{
		{1, 1, 0.8, 0.04, 0.015},
		{1, 1, 0.5, 0.04, 0.015},
		{1, 1, 0.95, 0.04, 0.015},
		// less often than daily the two differ more: Loop doubles the
		// window and lengthens the half-life with √(1/frequency); stride
		// uses one period and a half-life of 10 + 2 × period days.
		{3, 7, 0.45, 0.22, 0.07},
		{1, 7, 0.15, 0.3, 0.09},
	} {
		t.Run(fmt.Sprintf("%d-%d at %.0f%%", tc.num, tc.den, tc.rate*100), func(t *testing.T) {
			var worst, sum float64
			var lines bytes.Buffer
			for seed := range uint64(20) {
				v := history(seed, n, tc.rate)
				ls := loopScore(v, tc.num, tc.den)
				ms := strideMomentum(t, checkmarks(start, v), tc.num, tc.den, n)
				if len(ms) != n {
					t.Fatalf("%d momentum values, want %d", len(ms), n)
				}
				for i := range ls {
					d := math.Abs(ls[i] - ms[i])
					worst = max(worst, d)
					sum += d
				}
				if seed == 0 {
					for _, i := range []int{14, 28, 56, n/3 - 1, n/3 + 13, n/2 + 6, n - 1} {
						fmt.Fprintf(&lines, " day %3d: Loop %.3f stride %.3f\n", i+1, ls[i], ms[i])
					}
				}
			}
			mean := sum / (20 * n)
			t.Logf("largest gap %.3f, mean gap %.3f over 20 histories of %d days; the first:\n%s", worst, mean, n, lines.String())
			if worst > tc.maxDiff || mean > tc.meanDiff {
				t.Errorf("momentum strays from Loop's score: largest gap %.3f (allowed %.2f), mean %.3f (allowed %.2f)", worst, tc.maxDiff, mean, tc.meanDiff)
			}
		})
	}
}

func TestLoopScoreMatchesLoopExport(t *testing.T) {
	// Loop's own test export: "Wake up early", 2 times in 3 days, checked
	// on 10 days from 2015-01-16 (YES_AUTO filling its intervals, NO on
	// 2015-01-24), and its Scores.csv: 0.2557 on 2015-01-25. loopScore must
	// give the same, or the comparison above compares with the wrong thing.
	v := []int64{YesManual, YesManual, YesAuto, YesAuto, YesManual, YesManual, YesManual, YesAuto, No, YesManual}
	got := loopScore(v, 2, 3)
	if math.Abs(got[len(got)-1]-0.2557) > 0.00005 {
		t.Errorf("Loop's score on the last day: %.4f, want 0.2557 (uhabits' test asset)", got[len(got)-1])
	}
}
