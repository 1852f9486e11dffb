// Package demo generates realistic sample history for stride: goals of
// every kind with whys, smallest steps and milestones, and years of steps
// that look lived in (streaks, gaps of a few days, partial days, weekday and
// weekend habits, rest days, a past pause, a target raised partway). It is
// pure: the same Options give the same Data, and it does no I/O.
package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/strideapp/stride"
)

// Options says how much history to make and from which seed.
type Options struct {
	Goals int         // number of goals, at least 1
	Years int         // years of history ending today, at least 1
	Seed  uint64      // the same seed gives the same data
	Today stride.Date // the last day of the history
	// Until, when more than 0, is the time of day now (minutes after
	// midnight): steps of today later than it are left out, so the sample
	// never holds a walk logged for this evening.
	Until int
}

// Goal is one sample goal with its whole record. Goal.Targets holds only
// the first target: Raises are put in effect later with SetTarget, as a
// person would.
type Goal struct {
	Goal *stride.Goal
	// Parent is the name of the sample goal this one is a sub-goal of, ""
	// for none; it comes earlier in Data.Goals, so it is stored first.
	Parent string
	Steps  []*stride.Step // GoalID unset; Goal and Unit filled with the goal's
	Skips  []stride.Date  // planned rest days
	Pauses []Pause        // past pauses, each already over
	Raises []stride.Target
}

// Pause is a past pause: paused from From on, active again on Until.
type Pause struct {
	From, Until stride.Date
}

// Data is the generated sample.
type Data struct {
	Goals []Goal
}

// Steps returns the number of steps over all goals.
func (d *Data) Steps() int {
	n := 0
	for _, g := range d.Goals {
		n += len(g.Steps)
	}
	return n
}

// template describes one kind of goal and how its person behaves.
type template struct {
	name, target, why, smallest, doneWhen string
	raise                                 string  // a higher target taken on partway, "" for none
	parent                                string  // the template of the goal this one is part of, earlier in the table
	typical                               float64 // a usual amount on an active day (amount goals)
	spread                                float64 // relative spread of amounts
	perDay                                float64 // chance of stepping on a weekday when in the flow
	weekend                               float64 // the same on Saturday and Sunday
	split                                 float64 // chance a day's amount comes as two steps
	milestones                            []float64
	hours                                 [2]int // usual hours of day
}

var templates = []template{
	{name: "meditate", target: "daily", why: "a calmer start to the day",
		smallest: "sit and breathe for one minute", doneWhen: "it is part of every morning",
		perDay: 0.85, weekend: 0.7, hours: [2]int{6, 9}, milestones: []float64{30, 100, 365, 1000}},
	{name: "walk", target: "30 min/day", raise: "40 min/day", why: "to feel good in my body and think clearly",
		smallest: "put on shoes and walk 5 minutes", typical: 35, spread: 0.5,
		perDay: 0.75, weekend: 0.85, split: 0.4, hours: [2]int{12, 19}, milestones: []float64{600, 3000, 12000, 30000}},
	{name: "exercise", target: "150 min/week", why: "strength for the years ahead",
		smallest: "ten squats by the desk", typical: 45, spread: 0.4,
		split: 0.3, perDay: 0.5, weekend: 0.35, hours: [2]int{7, 20}, milestones: []float64{600, 3000, 12000}},
	{name: "read", target: "100 pages/week", raise: "150 pages/week", why: "to keep learning and to rest my eyes from screens",
		smallest: "read 2 pages", doneWhen: "24 books this year", typical: 22, spread: 0.6,
		perDay: 0.7, weekend: 0.85, split: 0.2, hours: [2]int{21, 23}, milestones: []float64{1000, 5000, 10000}},
	{name: "cycle", target: "40 km/week", why: "getting around without the car", parent: "exercise",
		smallest: "ride 2 km to the shop", typical: 14, spread: 0.5,
		split: 0.3, perDay: 0.35, weekend: 0.6, hours: [2]int{8, 18}, milestones: []float64{500, 2000, 5000, 10000}},
	{name: "gym", target: "3 times/week", why: "to feel strong", smallest: "go and do one set", parent: "exercise",
		perDay: 0.5, weekend: 0.25, hours: [2]int{17, 20}, milestones: []float64{50, 200, 500}},
	{name: "coffee", target: "at most 2 cups/day", why: "better sleep", smallest: "swap one cup for tea",
		typical: 1, spread: 0, perDay: 0.95, weekend: 0.9, hours: [2]int{7, 16}},
	{name: "water plants", target: "1 time/2 days", why: "a green, living room",
		smallest: "water the big fern", perDay: 0.5, weekend: 0.5, hours: [2]int{8, 10}},
	{name: "guitar", target: "20 min/day", why: "to play songs with friends",
		smallest: "tune up and play one chord change", typical: 22, spread: 0.5,
		split: 0.3, perDay: 0.6, weekend: 0.75, hours: [2]int{19, 22}, milestones: []float64{600, 3000}},
	{name: "spanish", target: "15 min/day", why: "to talk with my neighbours",
		smallest: "learn 3 words", typical: 15, spread: 0.4,
		split: 0.3, perDay: 0.75, weekend: 0.6, hours: [2]int{7, 22}, milestones: []float64{600, 1800}},
	{name: "journal", target: "5 times/week", why: "to notice what matters",
		smallest: "write one sentence", perDay: 0.7, weekend: 0.6, hours: [2]int{21, 23}},
	{name: "write", target: "3000 words/week", why: "finish the first draft",
		smallest: "write 50 words", doneWhen: "the draft has an ending", typical: 600, spread: 0.6,
		perDay: 0.65, weekend: 0.4, split: 0.3, hours: [2]int{6, 10}, milestones: []float64{10000, 50000, 100000}},
	{name: "swim", target: "3 km/week", why: "easy on the knees",
		smallest: "swim 4 lengths", typical: 1.5, spread: 0.3,
		perDay: 0.3, weekend: 0.4, hours: [2]int{7, 9}, milestones: []float64{100, 500}},
	{name: "stretch", target: "10 min/day", why: "a looser back",
		smallest: "one long stretch", typical: 10, spread: 0.4,
		split: 0.4, perDay: 0.7, weekend: 0.6, hours: [2]int{7, 22}},
	{name: "call family", target: "1 time/week", why: "staying close", smallest: "send a voice note",
		perDay: 0.2, weekend: 0.45, hours: [2]int{17, 21}},
	{name: "screen time", target: "at most 60 min/day", why: "more evenings for people",
		smallest: "leave the phone in the hall", typical: 50, spread: 0.5,
		perDay: 0.95, weekend: 0.95, hours: [2]int{20, 23}},
	{name: "piano", target: "2h/week", why: "play Satie for my mother",
		smallest: "play one scale", typical: 30, spread: 0.4,
		split: 0.3, perDay: 0.45, weekend: 0.6, hours: [2]int{18, 21}},
	{name: "run", target: "15 km/week", why: "the autumn 10k",
		smallest: "run to the corner and back", doneWhen: "run 10 km without stopping", typical: 5, spread: 0.3,
		perDay: 0.4, weekend: 0.5, hours: [2]int{6, 8}, milestones: []float64{100, 500, 1000}},
	{name: "sketch", target: "4 times/week", why: "to see more closely",
		smallest: "draw one line", perDay: 0.55, weekend: 0.7, hours: [2]int{12, 22}},
	{name: "tidy", target: "15 min/day", why: "a calm home", smallest: "clear one surface",
		typical: 15, spread: 0.5, split: 0.35, perDay: 0.65, weekend: 0.5, hours: [2]int{18, 21}},
	{name: "save", target: "200 eur/month", why: "a cushion for the unexpected",
		smallest: "put 5 eur aside", typical: 60, spread: 0.6, perDay: 0.12, weekend: 0.08, hours: [2]int{9, 12},
		milestones: []float64{1000, 5000}},
	{name: "vegetables", target: "5 times/week", why: "eat well, feel well",
		smallest: "one carrot with lunch", perDay: 0.75, weekend: 0.6, hours: [2]int{12, 20}},
	{name: "push-ups", target: "50 reps/day", why: "strong arms for climbing",
		smallest: "do 5 push-ups", typical: 50, spread: 0.4, split: 0.5,
		perDay: 0.6, weekend: 0.5, hours: [2]int{7, 21}, milestones: []float64{10000, 50000}},
	{name: "sleep early", target: "5 times/week", why: "mornings with energy",
		smallest: "lights out 15 minutes earlier", perDay: 0.6, weekend: 0.3, hours: [2]int{22, 23}},
}

// Generate returns sample goals and their history from opt. It is
// deterministic in opt.
func Generate(opt Options) *Data {
	if opt.Goals < 1 {
		opt.Goals = 1
	}
	if opt.Years < 1 {
		opt.Years = 1
	}
	r := rand.New(rand.NewPCG(opt.Seed, 0x5712de))
	first := opt.Today.AddDays(-365*opt.Years + 1)
	d := &Data{Goals: make([]Goal, 0, opt.Goals)}
	for i := range opt.Goals {
		t := templates[i%len(templates)]
		name, parent := t.name, t.parent
		if round := i / len(templates); round > 0 {
			name = fmt.Sprintf("%s %d", t.name, round+1)
			if parent != "" {
				parent = fmt.Sprintf("%s %d", t.parent, round+1)
			}
		}
		// later goals start a little later, so the board shows young and old goals
		start := first.AddDays(r.IntN(max(1, 365*opt.Years/(12+i%4))) * min(i, 1))
		g := generateGoal(r, t, name, start, opt.Today, opt.Until, i)
		g.Parent = parent
		d.Goals = append(d.Goals, g)
	}
	return d
}

func generateGoal(r *rand.Rand, t template, name string, start, today stride.Date, until, i int) Goal {
	target, dir, err := stride.ParseTarget(t.target)
	if err != nil {
		panic("demo: bad template target " + t.target) // a programming error in the table above
	}
	target.From = start
	g := &stride.Goal{
		Name: name, Why: t.why, SmallestStep: t.smallest, DoneWhen: t.doneWhen,
		Unit: target.Unit, Direction: dir, Targets: []stride.Target{target}, Target: target,
		Start: start, State: stride.GoalActive,
	}
	for _, m := range t.milestones {
		g.Milestones = append(g.Milestones, stride.Milestone{Amount: m})
	}
	out := Goal{Goal: g}
	days := int(today-start) + 1

	if t.raise != "" && days > 120 {
		raised, _, _ := stride.ParseTarget(t.raise)
		raised.From = start.AddDays(days * 3 / 5)
		out.Raises = append(out.Raises, raised)
	}
	// a past pause of two to five weeks for every third goal, well before today
	held := map[stride.Date]bool{}
	if i%3 == 1 && days > 200 {
		from := start.AddDays(60 + r.IntN(days-150))
		until := from.AddDays(14 + r.IntN(22))
		out.Pauses = append(out.Pauses, Pause{From: from, Until: until})
		for d := from; d < until; d++ {
			held[d] = true
		}
	}
	// a couple of planned rest days a year
	for y := 0; y < days/365+1; y++ {
		for range 2 + r.IntN(2) {
			d := start.AddDays(y*365 + r.IntN(365))
			if d < today && !held[d] {
				held[d] = true
				out.Skips = append(out.Skips, d)
			}
		}
	}
	slices.Sort(out.Skips)

	steps := make([]*stride.Step, 0, days)
	flow := true // in the flow, or in a gap of a few days
	gapLeft := 0
	for day := start; day <= today; day++ {
		if held[day] {
			continue
		}
		if gapLeft > 0 {
			gapLeft--
			if gapLeft == 0 {
				flow = true
			}
			continue
		}
		if flow && r.Float64() < 0.015 { // now and then life gets in the way
			flow, gapLeft = false, 2+r.IntN(5)
			continue
		}
		p := t.perDay
		if w := day.Weekday(); w == time.Saturday || w == time.Sunday {
			p = t.weekend
		}
		// slow seasons: a little less in winter, a little more in spring
		p *= 0.95 + 0.05*math.Sin(float64(day.YMD()/100%100)/12*2*math.Pi)
		if r.Float64() >= p {
			continue
		}
		tgt := stride.TargetOn(append([]stride.Target{target}, out.Raises...), day)
		amount := 1.0
		parts := 1
		switch {
		case dir == stride.AtMost:
			// around the limit: mostly within, now and then over
			if tgt.Amount < 10 { // a few cups, one step each
				parts = int(math.Max(1, math.Round(tgt.Amount*(0.5+0.7*r.Float64()))))
			} else {
				amount = math.Round(tgt.Amount * (0.3 + 0.9*r.Float64()))
			}
		case !target.Count:
			typical := t.typical * tgt.Amount / target.Amount // grows with a raised target
			amount = typical * (1 + t.spread*(r.Float64()*2-1))
			if r.Float64() < 0.12 { // a partial day: every step counts
				amount *= 0.3
			}
			amount = roundAmount(amount, g.Unit)
			for parts < 3 && r.Float64() < max(t.split, 0.35) { // spread over the day
				parts++
			}
		}
		if amount <= 0 {
			continue
		}
		for k := range parts {
			a := amount
			if parts > 1 && dir != stride.AtMost {
				a = roundAmount(amount/float64(parts), g.Unit)
				if a <= 0 {
					a = amount
				}
			}
			minute := (t.hours[0]+r.IntN(t.hours[1]-t.hours[0]+1))*60 + r.IntN(60)
			if k > 0 {
				minute = min(23*60+59, minute+90*k)
			}
			if day == today && until > 0 && minute > until {
				continue
			}
			s := &stride.Step{Goal: name, Unit: g.Unit, Day: day, Time: &minute, Amount: a}
			if r.Float64() < 0.08 {
				s.Note = notes[r.IntN(len(notes))]
			}
			if r.Float64() < 0.1 {
				e := 1 + r.IntN(5)
				s.Energy = &e
			}
			steps = append(steps, s)
		}
	}
	out.Steps = steps
	return out
}

var notes = []string{
	"felt good", "short one, still counts", "with a friend", "tired but did it",
	"lovely weather", "late start", "new personal best", "rainy, kept it short",
	"easy day", "back after a break", "noticed I was calmer afterwards",
}

func roundAmount(v float64, unit string) float64 {
	switch unit {
	case stride.MinutesUnit, "pages", "words", "reps", "eur":
		return math.Round(v)
	}
	return math.Round(v*10) / 10
}
