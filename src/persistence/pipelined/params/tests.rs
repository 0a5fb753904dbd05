use super::*;

fn written(p: &Param, ty: &Type) -> Result<Vec<u8>, String> {
    let mut out = BytesMut::new();
    match p.to_sql_checked(ty, &mut out) {
        Ok(IsNull::No) => Ok(out.to_vec()),
        Ok(IsNull::Yes) => Ok(Vec::new()),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn integers_are_written_in_the_statements_width_or_refused() {
    let limit = Param::from_value(&Value::BigUnsigned(Some(11))).unwrap();
    assert_eq!(written(&limit, &Type::INT8).unwrap(), 11i64.to_be_bytes());
    assert_eq!(written(&limit, &Type::INT4).unwrap(), 11i32.to_be_bytes());
    let big = Param::Int(i64::from(i32::MAX) + 1);
    let err = written(&big, &Type::INT4).unwrap_err();
    assert!(err.contains("does not fit") && err.contains("int4"), "{err}");
    let err = Param::from_value(&Value::BigUnsigned(Some(u64::MAX))).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}

#[test]
fn a_value_of_another_type_is_refused_not_converted() {
    let price = Param::from_value(&Value::Double(Some(1.5))).unwrap();
    assert_eq!(written(&price, &Type::FLOAT8).unwrap(), 1.5f64.to_be_bytes());
    assert!(written(&price, &Type::INT8).is_err(), "no rounding into an integer");
    let text = Param::from_value(&Value::String(Some("Ames".into()))).unwrap();
    assert_eq!(written(&text, &Type::TEXT).unwrap(), b"Ames");
    assert!(written(&text, &Type::UUID).is_err());
}

#[test]
fn nulls_arrays_and_uuids_are_written() {
    let null = Param::from_value(&Value::Int(None)).unwrap();
    assert!(matches!(null, Param::Null));
    assert!(written(&null, &Type::INT4).unwrap().is_empty());
    let id = Uuid::from_u128(7);
    let ids = Param::from_value(&Value::Array(
        ArrayType::Uuid,
        Some(Box::new(vec![Value::Uuid(Some(id)), Value::Uuid(Some(id))])),
    ))
    .unwrap();
    assert!(matches!(&ids, Param::Uuids(v) if v == &[id, id]));
    assert!(written(&ids, &Type::UUID_ARRAY).is_ok());
    let one = Param::from_value(&Value::Uuid(Some(id))).unwrap();
    assert_eq!(written(&one, &Type::UUID).unwrap(), id.as_bytes());
}
