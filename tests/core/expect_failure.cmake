# Runs the recert CLI on a bad input and passes only if it exits non-zero with the expected message.
# -DRECERT=path -DEXPECT=substring and either -DLOG=file (evaluate) or -DPACK=file (validate-pack).
if(DEFINED LOG)
    execute_process(COMMAND ${RECERT} evaluate --log ${LOG} --today 2025-03-11
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
else()
    execute_process(COMMAND ${RECERT} validate-pack ${PACK}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
if(rc EQUAL 0)
    message(FATAL_ERROR "expected a non-zero exit, got 0; stdout: ${out}")
endif()
string(FIND "${err}" "${EXPECT}" pos)
if(pos EQUAL -1)
    message(FATAL_ERROR "stderr lacks \"${EXPECT}\": ${err}")
endif()
message(STATUS "failed as expected (exit ${rc}): ${err}")
