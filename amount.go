package stride

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MinutesUnit is the unit every duration goal is kept in: "30 min/day",
// "2h/day" and "1h30m/week" all become minutes, so amounts written as 90m,
// 1.5h or 1h30m convert.
const MinutesUnit = "min"

var durationWords = map[string]bool{
	"m": true, "min": true, "mins": true, "minute": true, "minutes": true,
	"h": true, "hr": true, "hrs": true, "hour": true, "hours": true,
}

var countWords = map[string]bool{"time": true, "times": true, "x": true, "check": true, "checks": true}

// NormalizeUnit returns the stored form of a unit: durations become "min",
// words are lower-cased and trimmed. Count words (time, times, x) give "".
func NormalizeUnit(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	if durationWords[u] {
		return MinutesUnit
	}
	if countWords[u] {
		return ""
	}
	return u
}

// SameUnit reports whether a unit written by the user means the goal's unit:
// case, surrounding space and a plural "s" are ignored (page = pages).
func SameUnit(written, goal string) bool {
	a, b := NormalizeUnit(written), NormalizeUnit(goal)
	if a == b {
		return true
	}
	return strings.TrimSuffix(a, "s") == strings.TrimSuffix(b, "s") && a != "" && b != ""
}

var (
	plainNumberRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]*\.?[0-9]+$`) })
	numberUnitRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]*\.?[0-9]+)\s*([^\s0-9].*)?$`) })
	durationRE    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:[0-9]*\.?[0-9]+(?:h|m|s))+$`) })
)

// maxAmount bounds amounts so sums stay exact in float64 and typos such as
// 1e300 are caught.
const maxAmount = 1e9

// ParseDurationMinutes reads a duration such as 90m, 1.5h, 1h30m, "45 min"
// or "2 hours" and returns minutes. A bare number is minutes.
func ParseDurationMinutes(s string) (float64, bool) {
	v := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if plainNumberRE().MatchString(v) { // digits as people write them: not 1e9, inf or 0x10
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	for _, r := range []struct{ from, to string }{
		{"hours", "h"}, {"hour", "h"}, {"hrs", "h"}, {"hr", "h"},
		{"minutes", "m"}, {"minute", "m"}, {"mins", "m"}, {"min", "m"},
		{"seconds", "s"}, {"second", "s"}, {"secs", "s"}, {"sec", "s"},
	} {
		v = strings.ReplaceAll(v, r.from, r.to)
	}
	if !durationRE().MatchString(v) {
		return 0, false
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, false
	}
	return d.Minutes(), true
}

// ParseAmount reads an amount written for a goal kept in unit ("" for a
// check goal). Durations convert (90m = 1.5h = 1h30m when unit is min); a
// bare number is in the goal's unit; any other written unit must match the
// goal's. It returns EINVALID naming what is accepted.
func ParseAmount(s, unit string) (float64, error) {
	s = strings.TrimSpace(s)
	var v float64
	switch {
	case unit == MinutesUnit:
		m, ok := ParseDurationMinutes(s)
		if !ok {
			return 0, Errorf(EINVALID, "amount %q is not a duration: use minutes (30), or 90m, 1.5h, 1h30m", s)
		}
		v = m
	default:
		m := numberUnitRE().FindStringSubmatch(s)
		if m == nil {
			return 0, Errorf(EINVALID, "amount %q is not a number: use a number such as 3 or 2.5%s", s, unitHint(unit))
		}
		f, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return 0, Errorf(EINVALID, "amount %q is not a number: use a number such as 3 or 2.5%s", s, unitHint(unit))
		}
		if w := strings.TrimSpace(m[2]); w != "" && !SameUnit(w, unit) && !(unit == "" && countWords[strings.ToLower(w)]) {
			if unit == "" {
				return 0, Errorf(EINVALID, "unit %q does not fit: this goal counts times, so give a plain number such as 1", w)
			}
			return 0, Errorf(EINVALID, "unit %q does not match this goal's unit %q: give a number such as 3 or \"3 %s\"", w, unit, unit)
		}
		v = f
	}
	if math.IsNaN(v) || v <= 0 {
		return 0, Errorf(EINVALID, "amount %q must be more than 0: a step adds progress; to take one back, use stride undo or stride step edit", s)
	}
	if v > maxAmount {
		return 0, Errorf(EINVALID, "amount %q is more than one step can hold (at most %s): a typo?", s, FormatNumber(maxAmount))
	}
	return v, nil
}

func unitHint(unit string) string {
	if unit == "" {
		return ""
	}
	return " or \"3 " + unit + "\""
}

// FormatAmount writes an amount with its unit the way people say it:
// "1h30m", "45 min", "3 pages", "2 times".
func FormatAmount(v float64, unit string) string {
	switch unit {
	case MinutesUnit:
		if v >= 60 {
			h := int(v) / 60
			m := v - float64(h*60)
			if m < 0.5 {
				return strconv.Itoa(h) + "h"
			}
			return strconv.Itoa(h) + "h" + FormatNumber(m) + "m"
		}
		return FormatNumber(v) + " min"
	case "":
		if v == 1 {
			return "1 time"
		}
		return FormatNumber(v) + " times"
	}
	return FormatNumber(v) + " " + unit
}

// FormatNumber writes v with at most two decimals and no trailing zeros.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}
