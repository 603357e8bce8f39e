# Runs the recert CLI on a bad input and passes only if it exits non-zero with the expected message.
# -DRECERT=path -DEXPECT=substring and either -DLOG=file (evaluate) or -DPACK=file (validate-pack);
# -DNESTED=N instead writes a log of N nested arrays (2N bytes) to -DOUT=file and evaluates it;
# -DREFUSE=substring: stderr must not contain it.
if(DEFINED NESTED)
    string(REPEAT "[" ${NESTED} open)
    string(REPEAT "]" ${NESTED} close)
    file(WRITE ${OUT} "${open}${close}")
    set(open "")
    set(close "")
    set(LOG ${OUT})
endif()
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
if(DEFINED REFUSE)
    string(FIND "${err}" "${REFUSE}" pos)
    if(NOT pos EQUAL -1)
        message(FATAL_ERROR "stderr contains \"${REFUSE}\": ${err}")
    endif()
endif()
message(STATUS "failed as expected (exit ${rc}): ${err}")
