package org.ipsjobs.soap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.cxf.message.Message;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobType;

/**
 * What a call names, read from its unmarshalled request: the company and job handle (every job
 * operation's param has them, under the same names), and for submitJob the job's name and type.
 * Fault rules match on these, and the journal records them.
 */
record CallFacts(String company, String jobHandle, String jobName, JobType jobType) {

    static final CallFacts NONE = new CallFacts(null, null, null, null);
    private static final MethodHandle ABSENT = MethodHandles.constant(Object.class, null);
    private static final ConcurrentMap<Class<?>, MethodHandle> COMPANY = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Class<?>, MethodHandle> JOB_HANDLE = new ConcurrentHashMap<>();

    /** Everything a fault rule can match on, including the submitted job's type. */
    static CallFacts of(Message message) {
        return read(message, true);
    }

    /** The company and job handle only: what the journal records, without mapping a submitted job. */
    static CallFacts names(Message message) {
        return read(message, false);
    }

    private static CallFacts read(Message message, boolean withJob) {
        List<?> content = message.getContent(List.class);
        if (content == null || content.isEmpty() || content.get(0) == null) {
            return NONE;
        }
        Object param = content.get(0);
        String jobName = null;
        JobType type = null;
        if (withJob && param instanceof SubmitJobParam submit) {
            jobName = submit.getJobName();
            List<JobParameters> details = DetailElements.read(submit);
            type = details.size() == 1 ? details.get(0).type() : null;
        }
        return new CallFacts(read(COMPANY, param, "getCompanyHandle"), read(JOB_HANDLE, param, "getJobHandle"), jobName,
                type);
    }

    private static String read(ConcurrentMap<Class<?>, MethodHandle> cache, Object param, String getter) {
        MethodHandle handle = cache.computeIfAbsent(param.getClass(), c -> getter(c, getter));
        try {
            Object value = handle == ABSENT ? null : handle.invoke(param);
            return value instanceof String s ? s : null;
        } catch (Throwable e) {
            return null;
        }
    }

    private static MethodHandle getter(Class<?> type, String name) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, name, MethodType.methodType(String.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return ABSENT;
        }
    }
}
