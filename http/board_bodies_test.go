package http

import (
	"reflect"
	"testing"

	"github.com/strideapp/stride"
)

// TestSameBoardFields fails when a type the board's JSON shows gains or
// loses a field: sameBoard must then compare it too.
func TestSameBoardFields(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{stride.GoalStatus{}, 15}, {stride.Pace{}, 11}, {stride.Day{}, 8}, {stride.NextStep{}, 3},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, sameBoard knows %d: compare the new ones and update this test", c.v, n, c.want)
		}
	}
}

// TestSameBoard changes each field the JSON shows, one at a time.
func TestSameBoard(t *testing.T) {
	line := func() *stride.GoalStatus {
		parent := int64(3)
		return &stride.GoalStatus{ID: 1, Name: "walk", Recent: []stride.Day{{Date: 5}, {Date: 6}}, ParentID: &parent}
	}
	a := []*stride.GoalStatus{line()}
	if !sameBoard(a, []*stride.GoalStatus{line()}) {
		t.Fatal("equal boards differ")
	}
	var walk func(v reflect.Value, path string, change func(string))
	walk = func(v reflect.Value, path string, change func(string)) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.Tag.Get("json") != "-" {
					walk(v.Field(i), path+"."+f.Name, change)
				}
			}
		case reflect.Slice:
			walk(v.Index(1), path+"[1]", change)
		case reflect.Pointer: // the value it points to, then none
			walk(v.Elem(), path, change)
			old := reflect.ValueOf(v.Interface())
			v.SetZero()
			change(path + " (nil)")
			v.Set(old)
		default:
			old := reflect.ValueOf(v.Interface())
			switch v.Kind() {
			case reflect.String:
				v.SetString(v.String() + "x")
			case reflect.Bool:
				v.SetBool(!v.Bool())
			case reflect.Float64:
				v.SetFloat(-v.Float()) // 0 becomes -0, which JSON writes apart
			default:
				v.SetInt(v.Int() + 1)
			}
			change(path)
			v.Set(old)
		}
	}
	b := []*stride.GoalStatus{line()}
	walk(reflect.ValueOf(b[0]).Elem(), "GoalStatus", func(path string) {
		if sameBoard(a, b) {
			t.Errorf("a change of %s went unnoticed", path)
		}
	})
}
