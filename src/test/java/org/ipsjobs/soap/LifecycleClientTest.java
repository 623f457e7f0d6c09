package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;



import org.awaitility.Awaitility;
import org.ipsjobs.ipsapi.ActiveJob;
import org.ipsjobs.ipsapi.AuthenticationFault;
import org.ipsjobs.ipsapi.DeleteJobParam;
import org.ipsjobs.ipsapi.ExecuteJobParam;
import org.ipsjobs.ipsapi.GetActiveJobsParam;
import org.ipsjobs.ipsapi.GetJobLogDetailsParam;
import org.ipsjobs.ipsapi.GetScheduledJobsParam;
import org.ipsjobs.ipsapi.ImageServingPublishJob;
import org.ipsjobs.ipsapi.IpsApiFault;
import org.ipsjobs.ipsapi.IpsApiPortType;
import org.ipsjobs.ipsapi.JobLog;
import org.ipsjobs.ipsapi.PauseJobParam;
import org.ipsjobs.ipsapi.ResumeJobParam;
import org.ipsjobs.ipsapi.ScheduledJob;
import org.ipsjobs.ipsapi.StopJobParam;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.testing.IpsClients;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole life cycle through a CXF JAX-WS client generated from wsdl/IpsApi.wsdl: typed requests,
 * typed answers, typed faults, over real HTTP.
 */
class LifecycleClientTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Duration.ofMillis(20), Duration.ofHours(1));

    @Test
    void submitWatchAndReadTheLog() throws Exception {
        IpsApiPortType port = client(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        SubmitJobParam submit = new SubmitJobParam();
        submit.setCompanyHandle("47");
        submit.setJobName("Client job");
        ImageServingPublishJob publish = new ImageServingPublishJob();
        publish.setPublishType("Full");
        publish.setEmailSetting("None");
        submit.setImageServingPublishJob(publish);

        String handle = port.submitJob(submit).getJobHandle();
        assertThat(handle).isEqualTo("j|47|Client job||");

        GetActiveJobsParam byHandle = new GetActiveJobsParam();
        byHandle.setJobHandle(handle);
        List<Integer> progress = new ArrayList<>();
        ActiveJob done = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    ActiveJob job = port.getActiveJobs(byHandle).getJobArray().getItems().get(0);
                    progress.add(job.getProgress());
                    return job;
                }, job -> job.getState().equals("Done"));
        assertThat(progress).isSorted();
        assertThat(done.getImageServingPublishJob().getPublishType()).isEqualTo("Full");
        assertThat(done.getTaskProgressArray().getItems()).hasSize(1);
        assertThat(done.getStartDate()).isBeforeOrEqualTo(done.getLastProgressUpdate());

        GetJobLogDetailsParam logs = new GetJobLogDetailsParam();
        logs.setCompanyHandle("47");
        logs.setJobHandle(handle);
        JobLog log = port.getJobLogDetails(logs).getJobLogArray().getItems().get(0);
        assertThat(log.getFileSuccessCount()).isEqualTo(3);
        assertThat(log.getDetailArray().getItems()).extracting(d -> d.getLogType())
                .containsExactly("BeginImageServingPublish", "ImageServingPublishSuccess", "ImageServingPublishSuccess",
                        "ImageServingPublishSuccess", "EndImageServingPublish");
    }

    @Test
    void aScheduleCreatedListedPausedResumedExecutedDeleted() throws Exception {
        IpsApiPortType port = client(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        SubmitJobParam submit = new SubmitJobParam();
        submit.setCompanyHandle("47");
        submit.setJobName("Client schedule");
        submit.setExecSchedule("00 30 01 * * ");
        ImageServingPublishJob publish = new ImageServingPublishJob();
        publish.setPublishType("Incremental");
        publish.setEmailSetting("None");
        submit.setImageServingPublishJob(publish);
        String handle = port.submitJob(submit).getJobHandle();

        assertThat(scheduled(port, handle).getTriggerState()).isEqualTo("Normal");
        assertThat(scheduled(port, handle).getNextFireTime().getHour()).isEqualTo(1);

        PauseJobParam pause = new PauseJobParam();
        pause.setCompanyHandle("47");
        pause.setJobHandle(handle);
        port.pauseJob(pause);
        assertThat(scheduled(port, handle).getTriggerState()).isEqualTo("Paused");

        ResumeJobParam resume = new ResumeJobParam();
        resume.setCompanyHandle("47");
        resume.setJobHandle(handle);
        port.resumeJob(resume);
        assertThat(scheduled(port, handle).getTriggerState()).isEqualTo("Normal");

        ExecuteJobParam execute = new ExecuteJobParam();
        execute.setCompanyHandle("47");
        execute.setJobHandle(handle);
        port.executeJob(execute);
        GetActiveJobsParam byHandle = new GetActiveJobsParam();
        byHandle.setJobHandle(handle);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> port.getActiveJobs(byHandle).getJobArray().getItems()
                .stream().anyMatch(j -> j.getState().equals("Done")));

        DeleteJobParam delete = new DeleteJobParam();
        delete.setCompanyHandle("47");
        delete.setJobHandle(handle);
        port.deleteJob(delete);
        GetScheduledJobsParam list = new GetScheduledJobsParam();
        list.setCompanyHandle("47");
        assertThat(port.getScheduledJobs(list).getJobArray().getItems()).extracting(ScheduledJob::getJobHandle)
                .doesNotContain(handle);
    }

    @Test
    void faultsArriveAsTheGeneratedExceptions() throws Exception {
        IpsApiPortType wrongPassword = client(TestServer.ADMIN, "wrong");
        assertThatThrownBy(() -> wrongPassword.getActiveJobs(new GetActiveJobsParam()))
                .isInstanceOfSatisfying(AuthenticationFault.class, e -> {
                    assertThat(e.getFaultInfo().getCode()).isEqualTo(10001);
                    assertThat(e.getFaultInfo().getReason()).isNotBlank();
                });

        IpsApiPortType port = client(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
        StopJobParam stop = new StopJobParam();
        stop.setCompanyHandle("47");
        stop.setJobHandle("j|47|does not exist||");
        assertThatThrownBy(() -> port.stopJob(stop)).isInstanceOfSatisfying(IpsApiFault.class,
                e -> assertThat(e.getFaultInfo().getCode()).isEqualTo(30001));
    }

    private static ScheduledJob scheduled(IpsApiPortType port, String handle) throws Exception {
        GetScheduledJobsParam param = new GetScheduledJobsParam();
        param.setCompanyHandle("47");
        param.setJobHandle(handle);
        return port.getScheduledJobs(param).getJobArray().getItems().get(0);
    }

    private static IpsApiPortType client(String user, String password) {
        return IpsClients.client(server.server.endpoint(), user, password);
    }
}
