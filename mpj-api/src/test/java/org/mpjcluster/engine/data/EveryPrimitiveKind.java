package org.mpjcluster.engine.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs a test once for every primitive kind that is packed into bytes (all but objects). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(value = PrimitiveKind.class, mode = EnumSource.Mode.EXCLUDE, names = "OBJECT")
@interface EveryPrimitiveKind {
}
