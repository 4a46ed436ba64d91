package runtime

import (
	"context"
	"reflect"
	"testing"
)

// TestReleaseResetsEveryField checks that release leaves nothing of a
// record but its buffers: a field added to Record must be reset there.
func TestReleaseResetsEveryField(t *testing.T) {
	r := newRecord()
	v := reflect.ValueOf(r).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem().SetString("x")
		case reflect.Bool:
			reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem().SetBool(true)
		case reflect.Int, reflect.Int64:
			reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem().SetInt(1)
		case reflect.Uintptr:
			reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem().SetUint(1)
		case reflect.Pointer, reflect.Interface:
			p := reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem()
			if f.Kind() == reflect.Pointer {
				p.Set(reflect.New(f.Type().Elem()))
			} else {
				set := false
				for _, x := range []any{errTest, context.Background()} {
					if reflect.TypeOf(x).Implements(f.Type()) {
						p.Set(reflect.ValueOf(x))
						set = true
						break
					}
				}
				if !set {
					t.Fatalf("field %s of type %s: teach this test a value for it", v.Type().Field(i).Name, f.Type())
				}
			}
		case reflect.Slice:
			reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem().Set(reflect.MakeSlice(f.Type(), 1, 1))
		default:
			t.Fatalf("field %s of kind %s: teach this test to set it", v.Type().Field(i).Name, f.Kind())
		}
	}
	r.release()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Slice {
			if f.Len() != 0 {
				t.Errorf("release leaves %d elements in %s", f.Len(), v.Type().Field(i).Name)
			}
			continue
		}
		if !f.IsZero() {
			t.Errorf("release leaves field %s set", v.Type().Field(i).Name)
		}
	}
}

var errTest = reflectError("test")

type reflectError string

func (e reflectError) Error() string { return string(e) }
