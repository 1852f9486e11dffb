package stride

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time of day and no time zone: the number of
// days since 1970-01-01. Steps, skips and targets are tied to the day the
// user lived them, so a Date never shifts when the time zone changes.
type Date int32

// NewDate returns the Date for a year, month and day. Out-of-range values
// normalise as time.Date does (month 13 is January of the next year).
func NewDate(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix() / 86400)
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time returns midnight UTC of the day, for formatting and calendar maths.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int { return d.Time().Year() }

// Month returns the month of the date.
func (d Date) Month() time.Month { return d.Time().Month() }

// Day returns the day of the month.
func (d Date) Day() int { return d.Time().Day() }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return time.Weekday((int(d)%7 + 7 + 4) % 7) } // 1970-01-01 was a Thursday

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// YMD returns the date as the integer YYYYMMDD, the form the stores keep:
// it sorts like the date and stays readable in a database shell.
func (d Date) YMD() int {
	y, m, dd := d.Time().Date()
	return y*10000 + int(m)*100 + dd
}

// DateFromYMD is the inverse of YMD.
func DateFromYMD(v int) Date { return NewDate(v/10000, time.Month(v/100%100), v%100) }

// MarshalText formats the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return Errorf(EINVALID, "date %q is not a date: use YYYY-MM-DD", b)
	}
	*d = DateOf(t)
	return nil
}

// StartOfWeek returns the first day of the week holding d, weeks starting on start.
func (d Date) StartOfWeek(start time.Weekday) Date {
	back := (int(d.Weekday()) - int(start) + 7) % 7
	return d.AddDays(-back)
}

// StartOfMonth returns the first day of d's month.
func (d Date) StartOfMonth() Date { return NewDate(d.Year(), d.Month(), 1) }

// DaysInMonth returns the number of days in d's month.
func (d Date) DaysInMonth() int {
	s := d.StartOfMonth()
	return int(NewDate(s.Year(), s.Month()+1, 1) - s)
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday,
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
}

// ParseWeekday parses an English weekday name or its three-letter abbreviation.
func ParseWeekday(s string) (time.Weekday, bool) {
	w, ok := weekdays[strings.ToLower(strings.TrimSpace(s))]
	return w, ok
}

// ParseDate reads a day relative to today: YYYY-MM-DD, "today", "yesterday",
// "-3d" (three days ago), or a weekday name meaning its most recent
// occurrence (today's name means today). It returns EINVALID for anything else.
func ParseDate(s string, today Date) (Date, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case "today":
		return today, nil
	case "yesterday":
		return today - 1, nil
	case "tomorrow":
		return today + 1, nil
	}
	if w, ok := weekdays[v]; ok {
		return today.AddDays(-((int(today.Weekday()) - int(w) + 7) % 7)), nil
	}
	if strings.HasPrefix(v, "-") && strings.HasSuffix(v, "d") {
		if n, err := strconv.Atoi(v[1 : len(v)-1]); err == nil && n >= 0 && n <= 36600 {
			return today.AddDays(-n), nil
		}
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return DateOf(t), nil
	}
	return 0, Errorf(EINVALID, "date %q is not understood: use YYYY-MM-DD, today, yesterday, -3d (days ago) or a weekday such as monday", s)
}

// ParseClock reads a time of day HH:MM and returns minutes after midnight.
func ParseClock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, Errorf(EINVALID, "time %q is not understood: use HH:MM, 24-hour, such as 07:30 or 18:05", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// ClockOf returns the time of day of t, in t's own location, as minutes
// after midnight: the form ParseClock returns.
func ClockOf(t time.Time) int { return t.Hour()*60 + t.Minute() }

// FormatClock formats minutes after midnight as HH:MM.
func FormatClock(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }
