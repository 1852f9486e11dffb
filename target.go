package stride

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period says how long one target period is.
type Period string

// The periods a target can run over.
const (
	PerDay   Period = "day"
	PerWeek  Period = "week"
	PerMonth Period = "month"
	PerDays  Period = "days" // every N days, Target.Every holding N
)

// Direction says whether a goal's target is a floor or a limit.
type Direction string

// Directions: at least (the default) or at most (a limit such as "at most 2
// coffees/day": full credit up to the limit, none at twice it).
const (
	AtLeast Direction = "at_least"
	AtMost  Direction = "at_most"
)

// Target is a rate of progress in effect from a day on. A count target
// ("3 times/week") counts days with a step; an amount target ("150
// min/week") sums amounts in the goal's unit.
type Target struct {
	From   Date    `json:"from"`
	Amount float64 `json:"amount"`
	Count  bool    `json:"count"`           // counts days with a step rather than summing amounts
	Unit   string  `json:"unit,omitempty"`  // the goal's unit for amount targets, "" for counts
	Per    Period  `json:"per"`             // day, week, month or days
	Every  int     `json:"every,omitempty"` // N for "every N days"
}

// Days returns the length of the target's period in days, used by momentum's
// rolling window: a month counts as 30 days.
func (t Target) Days() int {
	switch t.Per {
	case PerWeek:
		return 7
	case PerMonth:
		return 30
	case PerDays:
		return t.Every
	}
	return 1
}

// PeriodOf returns the calendar period holding day: the day itself, the
// week (starting on weekStart), the calendar month, or the block of N days
// counted from the target's From.
func (t Target) PeriodOf(day Date, weekStart time.Weekday) (from, to Date) {
	switch t.Per {
	case PerWeek:
		from = day.StartOfWeek(weekStart)
		return from, from + 6
	case PerMonth:
		from = day.StartOfMonth()
		return from, from + Date(day.DaysInMonth()) - 1
	case PerDays:
		n := Date(t.Every)
		off := ((day-t.From)%n + n) % n
		return day - off, day - off + n - 1
	}
	return day, day
}

// String writes the target in the syntax ParseTarget reads.
func (t Target) String() string {
	var amount string
	if t.Count {
		amount = FormatNumber(t.Amount) + " times"
		if t.Amount == 1 {
			amount = "1 time"
		}
	} else if t.Unit == MinutesUnit {
		amount = FormatNumber(t.Amount) + " min"
	} else {
		amount = FormatNumber(t.Amount) + " " + t.Unit
	}
	if t.Per == PerDays {
		return fmt.Sprintf("%s/%d days", amount, t.Every)
	}
	return amount + "/" + string(t.Per)
}

const targetHelp = `use AMOUNT UNIT/PERIOD such as "30 min/day", "150 min/week", "20 pages/week", "3 times/week", "1 time/2 days" or "at most 2 coffees/day"`

// ParseTarget reads a rate: "30 min/day", "2h/week", "20 pages/week",
// "3 times/week", "1 time/2 days", "5 km per week", "daily". A leading "at
// most" makes it a limit; "at least" is the default. It returns EINVALID
// naming the accepted forms.
func ParseTarget(s string) (Target, Direction, error) {
	bad := func(why string) (Target, Direction, error) {
		return Target{}, "", Errorf(EINVALID, "target %q %s: %s", s, why, targetHelp)
	}
	v := strings.ToLower(strings.Join(strings.Fields(s), " "))
	dir := AtLeast
	if r, ok := strings.CutPrefix(v, "at most "); ok {
		v, dir = r, AtMost
	} else if r, ok := strings.CutPrefix(v, "at least "); ok {
		v = r
	}
	switch v {
	case "daily", "every day":
		return Target{Amount: 1, Count: true, Per: PerDay}, dir, nil
	case "weekly", "every week":
		return Target{Amount: 1, Count: true, Per: PerWeek}, dir, nil
	}
	amountPart, periodPart, ok := strings.Cut(v, "/")
	if !ok {
		amountPart, periodPart, ok = strings.Cut(v, " per ")
	}
	if !ok {
		amountPart, periodPart, ok = strings.Cut(v, " a ")
	}
	if !ok {
		return bad("has no period")
	}
	var t Target
	switch p := strings.TrimSpace(periodPart); p {
	case "day", "d":
		t.Per = PerDay
	case "week", "w", "wk":
		t.Per = PerWeek
	case "month", "mo":
		t.Per = PerMonth
	default:
		num, word, _ := strings.Cut(p, " ")
		if word == "" { // "2d", "3w"
			i := strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' })
			if i <= 0 {
				return bad("has a period that is not day, week, month or N days")
			}
			num, word = p[:i], p[i:]
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > 366 {
			return bad("has a period that is not day, week, month or N days (N from 1 to 366)")
		}
		switch strings.TrimSpace(word) {
		case "day", "days", "d":
		case "week", "weeks", "w":
			n *= 7
		default:
			return bad("has a period that is not day, week, month or N days")
		}
		switch n {
		case 1:
			t.Per = PerDay
		case 7:
			t.Per = PerWeek
		default:
			t.Per, t.Every = PerDays, n
		}
	}
	amountPart = strings.TrimSpace(amountPart)
	// A duration, compound ones too ("1h30m", "1h 30m"), is minutes; a
	// bare number is a count, not a duration.
	if _, err := strconv.ParseFloat(amountPart, 64); err != nil {
		if mins, ok := ParseDurationMinutes(amountPart); ok {
			if mins <= 0 || mins > maxAmount {
				return bad("needs an amount more than 0")
			}
			t.Amount, t.Unit = mins, MinutesUnit
			return t, dir, nil
		}
	}
	m := numberUnitRE().FindStringSubmatch(amountPart)
	if m == nil {
		if mins, ok := ParseDurationMinutes(amountPart); ok && mins > 0 {
			t.Amount, t.Unit = mins, MinutesUnit
			return t, dir, nil
		}
		if strings.HasPrefix(amountPart, "-") {
			return bad("needs an amount more than 0")
		}
		return bad("has no amount")
	}
	amt, err := strconv.ParseFloat(m[1], 64)
	if err != nil || amt <= 0 || amt > maxAmount {
		return bad("needs an amount more than 0")
	}
	word := strings.TrimSpace(m[2])
	if strings.ContainsAny(word, "0123456789") {
		return bad(fmt.Sprintf("has %q where a unit goes: a unit has no digits, and durations read like 90m, 1.5h or 1h30m", word))
	}
	switch {
	case word == "" || countWords[word]:
		t.Amount, t.Count = amt, true
	case NormalizeUnit(word) == MinutesUnit:
		mins, ok := ParseDurationMinutes(amountPart)
		if !ok {
			return bad("has a duration that is not understood")
		}
		t.Amount, t.Unit = mins, MinutesUnit
	default:
		t.Amount, t.Unit = amt, NormalizeUnit(word)
	}
	if t.Count && t.Amount > float64(t.Days()) {
		return bad(fmt.Sprintf("counts more days (%s) than the period has (%d): a count target counts days with a step", FormatNumber(t.Amount), t.Days()))
	}
	return t, dir, nil
}

// MarshalJSON writes the target's fields and its text form ("30 min/day")
// for readers that only show it.
func (t Target) MarshalJSON() ([]byte, error) {
	type plain Target
	return json.Marshal(struct {
		plain
		Text string `json:"text"`
	}{plain(t), t.String()})
}
